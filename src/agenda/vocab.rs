//! Closed word lists, in the 29 languages focusd meets (English, German, French, Spanish,
//! Portuguese, Italian, Dutch, Swedish, Polish, Japanese, Chinese, Korean, Russian,
//! Ukrainian, Turkish, Czech, Danish, Norwegian, Finnish, Greek, Vietnamese, Indonesian,
//! Hungarian, Romanian, Arabic, Hebrew, Hindi, Thai): the words that carry no agenda on
//! their own. The lists are not per language: a word on one counts in every language, so a
//! word that is a topic anywhere ("data", "plan") stays off.
//!
//! They are generic. A word on no list is content, so a missing word
//! can only make focusd keep an invitation, never decline one: every list errs on the side of
//! leaving a word out.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

/// What a word is, as flags (a word may be several things: "meeting" is small talk and part
/// of a conferencing block).
pub(super) type Flags = u16;

/// Function words: articles, pronouns, prepositions, auxiliaries.
pub(super) const STOP: Flags = 1;
/// "Hi", "dear", "team", "everyone": a salutation.
pub(super) const GREETING: Flags = 1 << 1;
/// "Thanks", "regards", "cheers": a closing.
pub(super) const CLOSING: Flags = 1 << 2;
/// A meeting word with nothing behind it ("sync", "catch up", "coffee", "1:1").
pub(super) const SMALL_TALK: Flags = 1 << 3;
/// Other filler: vague nouns, logistics, politeness ("things", "moved", "invite", "please").
pub(super) const FILLER: Flags = 1 << 4;
/// Dates and times ("tomorrow", "monday", "pm"), and the words that say something comes
/// later ("suivra", "kommer", "позже"): common verbs too, so they neither make a line a
/// placeholder nor a question a non-question.
pub(super) const TIME: Flags = 1 << 5;
/// Says the content is missing ("TBD", "hold", "placeholder").
pub(super) const PLACEHOLDER: Flags = 1 << 6;
/// The words of an agenda template's headings ("agenda", "notes", "action items").
pub(super) const HEADING: Flags = 1 << 7;
/// The vocabulary of join instructions ("dial", "passcode", "teilnehmen", "composez").
pub(super) const CONFERENCING: Flags = 1 << 8;
/// A conferencing or booking product ("zoom", "webex", "calendly").
pub(super) const BRAND: Flags = 1 << 9;
/// A verb that, with any object, states a purpose ("discuss", "talk", "go over").
pub(super) const PURPOSE: Flags = 1 << 10;
/// Who runs or booked a meeting ("hosted", "organizer", "gastgeber", "organisé"): with the
/// names after it, a line that only says whose meeting it is.
pub(super) const ROLE: Flags = 1 << 11;
/// A greeting of one word from the formulas of [`super::formulas`] ("benvolguts"): no
/// content, but unlike the lists' own it names no one after it, since in some language it
/// may be a topic's word too.
pub(super) const FORMULA_GREETING: Flags = 1 << 12;
/// A sign-off of one word from the formulas ("cordialment"): no content, but it starts no
/// signature and names no one after it.
pub(super) const FORMULA_CLOSING: Flags = 1 << 13;
/// A formula's greeting or sign-off.
pub(super) const FORMULA: Flags = FORMULA_GREETING | FORMULA_CLOSING;
/// The flags that make a word carry no content in a line of description. The vocabulary of
/// join instructions is not among them: outside a conferencing block, "security" or "mobile
/// app" is a topic.
pub(super) const NON_CONTENT: Flags = !CONFERENCING;

const STOP_WORDS: &str = "
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further get gets got had hadn't has hasn't
    have haven't having he he'd he'll he's her here here's hers herself him himself his how how's
    i i'd i'll i'm i've if in into is isn't it it's its itself just let let's lets me more most
    mustn't my myself no nor not of off on once only or other ought our ours ourselves out over
    own same shan't she she'd she'll she's should shouldn't so some such than that that's the
    their theirs them themselves then there there's these they they'd they'll they're they've
    this those through to too under until up us very via was wasn't we we'd we'll we're we've
    were weren't what what's when when's where where's which while who who's whom why why's will
    with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
    yes ok okay etc re per pls please plz kindly need needed want like would just still also
    may might must shall couple bit lot lots go going gonna wanna one ones some any
    der die das den dem des ein eine einen einem einer eines und oder aber mit von vom zu zum zur
    im in am an auf für über unter bei nach vor aus um wir ich du sie er es ihr uns euch mich
    dich sich mein meine dein deine unser unsere ist sind war bin bist sein haben hat habe wird
    werden kann können soll sollen möchte möchten will wollen noch schon auch nur mal doch ja
    nein nicht kein keine keinen dass wie was wer wo wann warum hier da dort dann so sehr gerne
    gern einfach bitte ihnen ihre ihren ihrem euer eure wenn unseren unserem unserer euch
    damit seien sind
    le la les l' un une des du de d' et ou mais avec pour par sur sous dans en au aux à ce cet
    cette ces nous vous je j' tu il elle on ils elles me m' te t' se s' moi toi lui leur leurs
    notre votre nos vos mon ton son ma ta sa mes tes ses est sont suis es être avoir a ai avons
    avez ont va vais allons faire fait qui qu' que quoi où quand comment pourquoi ne n' pas plus
    très bien oui non si y c' ça cela
    el los las unos unas y o pero con para por sobre en del al que qué quién donde cuando como
    este esta estos estas ese esa esos esas nosotros vosotros yo tú él ella ellos ellas mi tu
    su sus nuestro nuestra vuestro es son soy eres está están estamos ser estar hay tener vamos
    muy más sí lo le les un una uno os
    o os as um uma uns umas e mas com pelo pela em no na nos nas do da dos das ao à às isso
    esse essa isto nós vocês você eu ele ela eles elas meu minha seu sua nosso nossa é são sou
    estão ter vai vai muito não sim se
    il lo gli i di della dello delle degli che chi dove come noi voi io lui lei è siamo essere
    avere molto non ti mi si ci vi sta sto stai tuo tua tuoi suo sua nostro nostra vostro per
    con su al alla allo nel nella nei del sono hai ha abbiamo
    het een en maar voor op van aan te bij om wij ik jij je u uw hij zij ons onze zijn ben
    heeft kunnen zal zullen niet wel ja nee er dat dit wat met door
    och att det som en ett är på för med till av den de du dig ni vi jag om eller men från här
    din ditt dina min mitt mina er ert era sin sitt sina han hon dem oss mig sig också när där
    vad hur efter inte kan ska skall har hade
    i w z na do się jest że to jak lub oraz przez dla od po ten ta te cię was nas aby czy są
    tego tej tym tych twój twoja twoje twojej swój swoja swoje swojej swoim mój moja moje nasz
    nasza nasze pan pani także również też ze
    da dal dallo dalla dai dalle un' anche questo questa questi queste quello quella puoi può
    ook jouw jullie kunt kan vanaf naar deze die wanneer gdy quando
    pelo pela neste nesta nestes este também pode seus suas
    그리고 또는 및 에서 으로 에 를 을 이 가 은 는 의
    и в во не что на я с со как а то все так но да ты к у же вы за бы по только мне вот от
    еще ещё нет о из когда ну ли если уже или ни быть был до вас вам там потом для мы тебя их
    чем без под будет тогда кто этот того этого здесь этом мой тем чтобы сейчас можно при об
    после над через эти нас про них это наш наша наше наши нашей ваш ваша пожалуйста
    і й та з із зі від що це ви він вона вони але чи або є буде була було наше будь ласка щоб
    коли якщо вже ще
    ve ile bir bu şu da mi mı mu mü için gibi ama veya ya ki çok daha biz siz ben sen onlar
    olarak olan var yok ne nasıl her sonra önce kadar bizim sizin lütfen
    ve s z ze k ke za jsou byl bude ten ty že jak ale nebo ani už ještě jsme jste my vy já on
    ona oni náš naše naši váš vaše prosím také jen
    og på at et til af som er var har jeg vi han hun jer os mit mine dit dine vores jeres ikke
    også eller fra så skal vil av ha ei oss mitt ditt vår vårt våre dere
    ja ei että tämä tuo me te he minä sinä hän olemme olette ovat oli ole kanssa myös mutta
    tai kun jos niin vain meidän teidän
    και ο η το οι τα του της των τον την σε στο στη στον στην με για από που να θα είναι δεν
    ή αλλά ως εμείς εσείς μας σας μου σου
    và của là có cho với các những một này đó để trong trên không được sẽ đã đang chúng tôi
    bạn mình
    dan di ke dari yang untuk dengan ini itu pada adalah akan sudah kita kami anda saya kamu
    tidak atau juga bisa ada dalam
    a az és egy is hogy nem vagy meg van volt lesz mi ti én ő mint már még csak ha akkor ezt
    azt ez
    și în la pe cu pentru din că nu este sunt un una al ale noi voi eu tu el ea ei sau dar mai
    să ne vă
    في من إلى على عن مع و أو ثم هذا هذه ذلك التي الذي نحن أنتم أنا هو هي هم لا ما هل قد كان
    سوف
    של את על עם אל מן או גם אבל זה זאת הם הן אנחנו אתם אני הוא היא לא כן יש אין כי אם
    और का की के है हैं में से को पर यह वह हम आप मैं तुम था थी थे भी या लेकिन नहीं तो ही कि लिए
    साथ
    přes přez через чрез по-моему
    ob dan
    tot свой свою göre
    v na å ut få să sem kdy כדי való
    giúp nhé será mer fel
    va
    bis lass comme wie सी हैं
    many much entre weitere weiteren ainda beaucoup muchas muchos tanto mille più
    appena possibile poco alcuni algunos todavía aún zatím vielleicht
    πολύ όλα θα ще пока ещё просто също
    sekalian lagi juga
    sui sugli sulla sulle sullo dei degli delle nei negli mere ud edildi edilmiştir רבה
    입니다 입니다만
    als
    erstmal erst zunächst mellett
    gibt gibt's gibts davanti inget
    ένας μια ένα jen dulu aja saja कर दिया एक का फिर
    herum
    intanto solo lì ut bara przed tylko co что 무엇을
    ya qué só juste ganz sadece před перед τη buổi tôi
    será serão sem verrà wordt gewoon lite zostanie
    sera rien dejo vou ve li tengo nog
    mycket रहा रही रहे हूँ हूं yet else whenever cả ott किया किए sammen
    ab others alguien desde statt instead same сама саме самий те та же sama stesso stessa
    stessi aceeași aceeasi gleiche gleichen gleicher samaan samme samma zelfde dezelfde
    pga lige bare
";

const GREETING_WORDS: &str = "
    geehrte geehrter geehrtes gentile gentili egregio ziua
    mr mrs ms miss dr herr frau monsieur madame mme mlle señor señora sr sra srta sig sig.ra
    dott dott.ssa ing avv prof pan pani pane paní paní domnule doamnă doamna pak bu bapak ibu
    anh chị bey hanım jī जी господин госпожа пане пані
    hi hello hey hiya howdy dear greetings morning afternoon evening good all team teams everyone
    parents
    everybody folks guys gang y'all there welcome both
    hallo moin servus grüezi liebe lieber liebes zusammen alle guten tag morgen willkommen
    bonjour bonsoir salut coucou cher chère chers tous toutes bienvenue
    hola buenos buenas días tardes noches equipo todos todas estimado estimada estimados querido
    querida bienvenido bienvenida
    olá ola oi bom boa dia pessoal equipe prezado prezada prezados caro cara
    ciao buongiorno salve tutti hoi goedemorgen allemaal beste
    hej hallå allihop allihopa dzień dobry witam witajcie cześć 안녕하세요 여러분
    привет здравствуйте добрый доброе день утро коллеги всем команда уважаемые дорогие
    привіт вітаю добрий колеги всім усім шановні
    merhaba selam herkese arkadaşlar ekip sayın değerli günaydın iyi günler
    ahoj dobrý den zdravím všichni všem kolegové tým milí vážení
    hejsa kære alle hei kjære moi terve hyvää huomenta kaikki tiimi
    γεια σας καλημέρα όλοι ομάδα αγαπητοί αγαπητέ
    xin chào mọi người nhóm
    halo hai selamat pagi siang semua tim rekan rekan-rekan
    szia sziasztok helló üdv kedves mindenki csapat jó napot
    bună buna salut salutare dragi tuturor echipa echipă
    مرحبا مرحباً السلام عليكم أهلا الجميع الفريق الزملاء الأعزاء
    שלום היי לכולם צוות חברים
    नमस्ते नमस्कार सभी टीम प्रिय
    بالجميع للجميع جميعا جميعاً
    όλους όλες wszystkim wszystkich kaikille mindenkinek semuanya bapak ibu sekalian 모두 다들
    팀원 여러분께 모두들 안녕하십니까 こんにちは 大家好 大家 你好 您好 各位好
    moikka moro heippa hejsan hejhej tjena tja thân kính gửi sveiki ciao-ciao  hallöchen
    halli hallihallo ahojte nazdar čau zdarova здорово вітання ассаламу marhaba ahlan أهلاً
    وسهلا وسهلاً اهلا هلا שלומות saudações habari
    mate mates доброго مرحبًا أهلًا
";

const CLOSING_WORDS: &str = "
    abs vh cordialmente
    thanks thank thx ty tia cheers regards best kind warm warmest sincerely yours truly wishes
    danke vielen dank grüße gruß gruss grüsse viele beste herzliche herzlichen freundlichen mfg lg
    vg bg merci cordialement amicalement salutations bises bientôt bald grüßen cordiales bonne
    gracias saludos saludo abrazo abrazos
    atentamente obrigado obrigada abraço abraços atenciosamente att cumprimentos grazie saluti
    cordiali distinti bedankt groet groeten vriendelijke hartelijke
    vänliga hälsningar hälsning mvh tack pozdrawiam pozdrowienia serdecznie dziękuję
    감사합니다 드림 올림 此致 敬礼 敬禮 敬祝 商祺 顺祝 順祝 谢谢 謝謝
    спасибо благодарю уважением всего доброго дякую повагою
    teşekkürler teşekkür ederim saygılarımla çalışmalar
    díky děkuji pozdravem tak hilsen hilsner venlig venlige takk vennlig kiitos terveisin
    ystävällisin ευχαριστώ ευχαριστούμε φιλικά χαιρετισμούς cảm ơn trân trọng terima kasih
    hormat köszönöm köszi üdvözlettel mulțumesc mulțumim stimă شكرا شكراً تحياتي תודה בברכה
    धन्यवाद शुभकामनाएं सादर εκτίμηση εκτιμηση φιλικούς التحية خالص
    ขอแสดงความนับถือ ด้วยความเคารพ ขอบคุณ ครับ ค่ะ ขอบคุณครับ ขอบคุณค่ะ ขอบคุณมาก
    bye byebye appreciated appreciate gracias grazie takk kiitos valeu dzięki дякую
    спасибі teşekkürler 고맙습니다 감사해요 고마워요 ありがとう ありがとうございます 谢谢大家 感谢
    mulțumiri köszönjük terima ευχαριστώ
    saluto
    להתראות
    groetjes
    수고하세요
    wielkie usłyszenia szépen frumos جزيلا vänlig gleder glæder gledes thankyou tusen mange
    kiitti kiitoksia mersi mulțam sağol sağolun спасибки شكرًا todah बहुत शुक्रिया makasih
    makasi
    rgds brgds 부탁드립니다 부탁드려요 부탁합니다 أطيب التحيات ạ
    잘
";

const SMALL_TALK_WORDS: &str = "
    sync syncs synced syncing synch sync-up syncup catch catching catchup catch-up chat chats
    chatting chit-chat meeting meetings meet meetup call calls session sessions connect
    connecting touch touchbase touch-base check-in checkin 1:1 1-1 1on1 1x1 one-on-one 121
    coffee lunch breakfast dinner drinks tea beer beers huddle standup stand-up hangout
    intro intros introduction introductions follow-up followup hold placeholder
    abstimmung austausch jour fixe jourfixe regeltermin termin treffen besprechung telko
    telefonat gespräch kaffee mittagessen plaudern
    point réunion rdv rendez-vous appel visio échange café déjeuner synchro suivi
    reunión llamada videollamada charla seguimiento almuerzo
    reunião chamada conversa bate-papo papo almoço alinhamento acompanhamento
    riunione chiamata chiacchierata caffè pranzo allineamento
    overleg vergadering gesprek koffie status runde pause teamrunde statusmeeting
    spotkanie spotkania spotkaniu spotkań möte mötet möten incontro
    aggiorniamo aggiornarci sentiamo bijpraten bijkletsen avstämning avstämningar
    afstemming afstemmingen sincronizare sparring סנכרון
    이야기 대화
    встреча встречи встречу встрече созвон созвона созвонимся звонок синк планёрка планерка
    летучка кофе обед зустріч зустрічі дзвінок кава
    toplantı toplantısı toplantımız görüşme sohbet kahve
    schůzka schůzku schůzky hovor porada sraz káva oběd
    møde mødet opkald snak kaffe frokost statusmøde møte møtet samtale prat lunsj statusmøte
    kokous palaveri tapaaminen puhelu kahvi lounas
    συνάντηση σύσκεψη κλήση καφές họp cuộc gọi rapat pertemuan panggilan ngobrol kopi
    megbeszélés értekezlet hívás kávé ebéd întâlnire întâlnirea ședință ședința sedinta apel
    cafea اجتماع مكالمة لقاء قهوة פגישה פגישת שיחה קפה मीटिंग बैठक कॉल
    abgleich quatschen charlamos chiacchiere rozmowa розмова setkání juttutuokio κουβέντα
    beszélgetés discuție دردشة बातचीत trò chuyện
    get-together meet-and-greet catch-ups chinwag natter hang hangout
    plausch plauschen kaffeeplausch schnack schnacken kennenlernen jourfix
    papoter bavarder bavardage causette
    sincronización sincro platicar plática cafecito
    sincronização papinho cafezinho
    chiacchierare chiacchieratina
    kletsen kletspraatje praatje
    fika snack snacka prata pratstund
    pogadać pogadajmy pogaduszki porozmawiajmy kawa kawę kawie kawka
    поболтать болталка пообщаемся созвонимся поспілкуватися поспілкуємося побалакати кавою
    sohbeti muhabbet
    pokec pokecat kafe kafíčko
    kaffesnak prate kaffeprat
    juttelu juttutuokio kahvit kahvin kahville
    κουβεντούλα καφέ
    ngopi nongkrong
    dumcsi kávézás
    cafeluța
    قهوة دردشة
    בירה
    चाय कॉफ़ी कॉफी गपशप
    커피 커피챗 티타임 수다 근황 얘기 얘기해요 이야기해요 한잔해요 한잔 체크인 싱크
    kahvilla kahville kahvilla
    sparren
    popovídání popovídat
    pogawędka pogawędkę spotkaniem
    toplantıdan schůzkou palaveria الاجتماع הפגישה зустріччю
    snackar porozmawiamy поговорим
    разговор
    juttelua juttelemaan chat-up kaffeepause kaffeerunde plauderrunde austauschen schwätzchen
    papotage apéro pause-café charlita charlemos conversamos conversemos papear papeamos
    chiacchieriamo prendiamo koffietje fikar fikat fikapaus snackas pratas pogadamy gadka gadkę
    spotkajmy spotkamy zobaczymy поболтаем поговоримо поспілкуємось побачимось увидимся 
     görüşmek görüşelim pokecáme popovídáme uvidíme snakker prater kaffeslabberas
    kahvittelu jutellaan tavataan tapaamme κουβεντιάσουμε τα λέμε gặp nhau ngobrol-ngobrol
    ketemu ketemuan kopdar beszélgessünk találkozzunk kávézzunk vorbim povestim ne vedem نلتقي
    نتحدث نتكلم ندردش נדבר נפגש ניפגש נשב नाश्ता मिलेंगे मिलते मिलकर
    all-hands allhands town-hall townhall mødes møtes träffas
";

const FILLER_WORDS: &str = "
    quick quickly short brief briefly little small weekly daily monthly biweekly
    kjapp kjappe
    bi-weekly fortnightly quarterly yearly annual regular recurring usual standing time times
    slot talk talking things thing stuff everything anything something whatever bits general
    misc various invite invitation invited inviting moving moved rescheduled reschedule
    rescheduling postponed
    shifted pushed new fyi forwarding forwarded forward fw fwd see seeing together chance
    align aligning alignment bring update updates news discuss discussing join joining
    virtual zoom webex sure great cool awesome nice fun happy excited looking forward glad
    hope well lovely love feel know let's talk speak invites hangouts share shared
    send sent circulate
    circulated advance ahead sorry apologies shuffle inconvenience conflict clash
    formal informal casual relaxed nothing virtuell virtuelle virtueller virtuelles virtuel
    ungezwungen sending booking booked external extern externe externo schicke schicken
    sende senden envoie envoyer envoyé envío envio enviar mando mandar invitación convite
    confirmed confirmation add
    kurz kurze kurzer kurzes kurzen schnell wöchentlich wöchentliche wöchentlicher wöchentliches
    täglich tägliche monatlich update kurzfristig verschoben verschiebe verschieben neuer neue neu
    einladung weitergeleitet infos info sachen dinge paar reden sprechen besprechen treffen
    rapide court courte petit petite hebdo hebdomadaire quotidien mensuel discussion discuter
    caler calé décalé déplacé reporté nouveau nouvelle créneau choses trucs tout infos faire
    échanger parler
    rápida rápido breve corta corto semanal diaria diario mensual hablar conversar charlar
    ponernos movida movido reprogramada reprogramado nuevo nueva cosas todo novedades
    actualización actualizaciones
    rápida curta curto semanal diária diário mensal conversar alinhar sincronizar remarcada
    remarcado reagendada reagendado novo nova coisas tudo novidades atualização atualizações
    veloce settimanale aggiornamento invito cose
    kort korte snel wekelijks wekelijkse uitnodiging dingen bellen
    zapraszam zapraszamy
    even snabb snabbt krótkie krótki krótka krótko szybkie szybki 잠깐 잠시 간단히 나눠요
    быстрый быстрая короткий короткая короткое еженедельный еженедельная еженедельно
    ежедневный ежедневная поговорить пообщаться новости обновления обновление
    швидкий швидка коротка щотижневий щотижнева поговорити оновлення
    kısa hızlı haftalık günlük konuşalım konuşmak güncelleme
    krátká krátký krátké rychlá rychlý týdenní denní probrat aktualizace
    hurtig hurtigt ugentlig ugentligt daglig snakke opdatering rask raskt ukentlig oppdatering
    lyhyt nopea viikoittainen viikkopalaveri päivittäinen jutella päivitys
    σύντομη σύντομο γρήγορη εβδομαδιαία ενημέρωση nhanh ngắn hàng tuần cập nhật
    singkat cepat mingguan harian rövid gyors heti napi frissítés
    scurtă scurt rapid rapidă săptămânală săptămânal zilnic actualizare
    سريع سريعة قصير قصيرة أسبوعي أسبوعية تحديث קצרה קצר מהירה שבועית שבועי עדכון
    छोटी जल्दी साप्ताहिक अपडेट
    setting set blocking blocked block work works working updated due free propose proposed
    proposing suggest adding added requested request holding held room accept accepted
    accepting make confirm confirming attend attending attendance availability available
    suit suits convenient reminder
    anbei gebt gib geben bescheid passt passen zusage zusagen bestätigen bestätigt teilnahme
    confirmer confirmez présence disponibilité disponible convient
    hablamos hablado favor confirmar confirmen confirmad asistencia disponibilidad
    confirmem presença disponibilidade concordato concordati confermare confermate presenza
    disponibilità bevestigen aanwezigheid
    reenvío reenvio reenvío conoscenza conhecimento conocimiento kenntnis kennisname
    kännedom wiadomości
    bora
    find rato sebentar bater veloci üzere nähdään λέμε találkozunk vedem نراكم قريبا נתראה
    मिलते hẹn gặp lại sampai jumpa discussed besprochen convenu convenido combinado
    speaking sees greet finds conversation conversations moment
    regularly usual
    regelmäßig regelmäßige regelmäßiger regelmäßiges regelmäßigen üblich übliche üblicher
    üblichen übliches gewohnt gewohnte gewohnten freue freuen freut vorerst
    habituel habituelle habituels régulier régulière récurrent récurrente cale calons calez
    transféré transférée
    habitual habituales periódica reenviado
    sempre costumeiro costumeira habitual encaminhado encaminhando
    solito solita consueto consueta inoltrato inoltro
    agendado agendada gezellig vaste gebruikelijke gebruikelijk doorgestuurd
    vanliga vanlig återkommande regelbunden vidarebefordrat
    regularne regularny cotygodniowe zwykłe przekazuję
    регулярный регулярная регулярное обычный обычная пересылаю регулярна регулярний
    звичайна пересилаю
    düzenli olağan eşliğinde iletiyorum
    pravidelný pravidelná pravidelné obvyklý obvyklá přeposílám
    faste fast sædvanlige vanlige videresender
    säännöllinen tavallinen rento välitän
    τακτική συνηθισμένη προωθώ
    santai rutin biasa
    szokásos rendszeres továbbítom
    obișnuită obișnuit regulată redirecționez
    المعتاد المعتادة
    קבועה קבוע רגילה
    नियमित
    가볍게 정기 정기적인 참고용 참고
    ונתראה
    pencilled penciled tentatively provisionally unconfirmed vorläufig vorläufige
    vorläufiger vorläufiges provisorisch ausstehend geblockt blockiert reserviert vorgemerkt
    eingetragen préliminaire réservé réservée posé posée provisional
    provisionalmente tentativo tentativa preliminar abierto abierta apartado provisória
    provisório preliminar aberto aberta reservado bloqueado provvisorio provvisoria
    provvisoriamente preliminare aperto aperta riservato riservata voorlopig voorlopige
    gereserveerd geblokt preliminära prel bokad bokat blockad blockat reserverad reserverat
    wstępnie wstępny wstępna wstępne tymczasowo zarezerwowany zarezerwowane zarezerwowana
    zablokowane предварительно предварительная предварительный ориентировочно забронировано
    зарезервировано попередньо попередній попередня заброньовано зарезервовано geçici rezerve
    předběžně předběžný předběžná předběžné rezervováno blokováno zablokováno foreløbigt
    foreløbige foreløpige reserveret reservert blokeret blokkert alustava alustavasti alustavat
    varattu προσωρινό προσωρινή προσωρινά προκαταρκτική sementara tentatif előzetes ideiglenes
    ideiglenesen lefoglalva provizoriu provizorie rezervat blocat مبدئي مبدئيا مبدئياً مؤقت
    مؤقتا مؤقتاً محجوز זמני זמנית अस्थायी आरक्षित 임시 잠정 שמרתי
    details detail specifics particulars einzelheiten précisions détails detalles
    detalhes dettagli szczegóły szczegółów детали detaylar pormenores
    bijzonderheden detaljer
    подробности деталі подробиці
    ayrıntılar detayları ayrıntıları podrobnosti detaily
    tiedot lisätiedot yksityiskohdat λεπτομέρειες
    részletek részleteket infó detalii التفاصيل
    تفاصيل פרטים הפרטים विवरण 세부 세부사항 세부사항은 사항은 자세한 상세
    agenda agendas agendan agendaen tagesordnung pauta dagordning dagordningen
    dagsorden dagsordenen повестка повестку gündem gündemi asialista napirend ατζέντα एजेंडा
    안건 안건은 안건이
    eingestellt angelegt erstellt
    reserved reserving
    κράτηση kis detaliile szczegółach информации подробностях
    деталях деталей podrobností detaylarını bilgi tietoja lisätietoja
    yksityiskohtia részleteit részleteiről infókat detailnya
    infonya detaljerna detaljerne detaljene
    материалы матеріали materyaller υλικό anyagok
    المواد חומרים
    locker lockerer lockere lockeres lockeren bloqueamos hueco huecos provisoriamente
    tijdelijk preliminärbokning preliminärbokad preliminärbokat speciellt särskilt hörs luźna
    luźne luźny 편하게 잡아둡니다 잡아두겠습니다 잡아두었습니다 잡았습니다 홀드
    şimdilik toistaiseksi egyelőre deocamdată حاليا حالياً בינתיים फिलहाल görüşürüz
    blokuji blokuju holder snakkes pikainen κρατάω γρήγορος γρήγορο blokir napirendet
    lefoglaltam intervalul حجزت שריינתי ब्लॉक
    informel informelle informels vite reservando bloqueando
    blocco informale informali hou håller blokuję omówimy бронирую обсудим небольшой
    небольшая повестки 논의할지 가벼운
    temas tópicos sujets themen topics konuları témata aiheet témákat topiknya
    المواضيع הנושאים विषय теми θέματα emnerne temaene
    reservo reservei veremos ver verra halte ayırıyorum držím varaan
    tranquila tranquilo détendue détendu entspannt rahat keeping
    frei
    steht reparle reparlera reparlerons vemos parliamo calma luzie 나누는 자리입니다
    genaue genauen genauer garde gardons formel formelle segurar occupato occupata reserveer
    bokar litet liten rezerwuję резервирую 빼두었습니다 빼두겠습니다 빼뒀습니다
    inhaltlich inhaltliches inhaltliche halten haltet freihalten freigehalten blocke blocken
    reservieren reserviere zk z.k zwv bloquons bloquer  réservons réserver gardé 
    contamos reservamos bloqueo aparto apartamos mucho hace pouco bloqueio guardo blocchiamo
    riservo riserviamo tengo teniamo blokkeer blokkeren reserveren houden vrij blockar
    blockerar reserverar rezerwujemy blokujemy zajmuję rezerwuje  забронировал
    забронировала забронировали забронирую бронируем застолбил зарезервировал бронюю бронюємо
    забронював забронювала зарезервував поки  ayırdım ayırdık tuttum tutuyorum rezervuji
    rezervuju reserverer blokkerer blokerer varasin varaamme κράτησα δεσμεύω chỗ giữ chwilę
    chwila chwilkę ненадолго dulu lefoglalom lefoglaljuk lefoglaltuk foglalom blochez blocăm
     rezervăm păstrez أحجز نحجز   שמרנו   טוב रिज़र्व grabbing grab
    grabbed penciling pencilling pencil fill filling filled optional 들어오세요
    undskyld beklager omlouvám omlouváme désolé désolée désolés apologize apologise
    apologising apologizing lmk ping pingue pinga tahan होल्ड डिटेल्स pozvánku pozvánka
    pozvánky probrání passer décaler décalé décalée décalage flyttat flyttet flyttad
    flyttade verplaatst verzet verschoven siirretty siirsin siirrämme spostata spostato
    spostiamo mutată mutat mutăm перенесено перенесли перенесена перенесён перенесений
    перенесена перенесла diundur dipindah przeniesione przesunięte przesunięta przesunięty
    ertelendi áthelyezve přesunuto přesun přeloženo μετατέθηκε μεταφέρθηκε hoãn
    changed adiada adiado cambiada cambiado aplazada pospuesta rinviata posticipata
    anticipata kantinen kantina cantine canteen cafeteria raum 내용은 graag pünktlich belegt
    أراكم שומרת שומר שומרים बस थोड़ी थोड़ा बात करनी emeleti emeleten tárgyalóban
    tárgyaló leszünk lesz
";

const TIME_WORDS: &str = "
    today tomorrow tonight yesterday week weeks weekend next this morning afternoon evening noon
    am pm a.m p.m o'clock minutes minute mins min hour hours hr hrs eod eow asap day days now
    journée soirée
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
    sat sun january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec utc gmt cet cest pst pdt est edt cst cdt
    ist jst bst aest pacific eastern central mountain zone timezone
    heute morgen übermorgen woche wochen nächste nächsten nächster diese dieser diesen
    montag dienstag mittwoch donnerstag freitag samstag sonntag vormittag nachmittag abend uhr
    minuten stunde stunden holiday holidays vacation break summer christmas xmas year
    urlaub ferien feiertage weihnachten vacances noël vacaciones navidad férias natal
    오전 오후 上午 下午
    aujourd'hui demain semaine prochaine prochain lundi mardi mercredi jeudi vendredi samedi
    dimanche matin après-midi soir heure heures
    hoy mañana semana próxima próximo lunes martes miércoles jueves viernes sábado domingo tarde
    hora horas minutos
    hoje amanhã próxima próximo segunda terça quarta quinta sexta sábado feira horário
    oggi domani settimana prossima prossimo lunedì martedì mercoledì giovedì venerdì
    vandaag morgen week volgende
    сегодня завтра понедельник вторник среда среду четверг пятница пятницу суббота
    воскресенье утром вечером неделе неделя неделю минут час часа сьогодні понеділок вівторок
    середа середу четвер пʼятниця п'ятниця тиждень хвилин година
    bugün yarın pazartesi salı çarşamba perşembe cuma cumartesi hafta dakika saat
    dnes zítra pondělí úterý středa čtvrtek pátek týden minut hodina
    mandag tirsdag onsdag torsdag fredag uge uke minutter
    tänään huomenna maanantai tiistai keskiviikko torstai perjantai viikko minuuttia tunti
    σήμερα αύριο δευτέρα τρίτη τετάρτη πέμπτη παρασκευή εβδομάδα λεπτά ώρα
    hôm nay ngày mai thứ tuần phút giờ
    hari besok senin selasa rabu kamis jumat minggu menit jam
    holnap hétfő kedd szerda csütörtök péntek perc óra
    azi astăzi mâine luni marți miercuri joi vineri săptămână oră
    اليوم غدا غداً الأحد الاثنين الثلاثاء الأربعاء الخميس أسبوع دقيقة ساعة
    היום מחר ראשון שלישי רביעי חמישי שבוע דקות שעה
    आज सोमवार मंगलवार बुधवार गुरुवार शुक्रवार सप्ताह मिनट घंटा
    date fecha datum datumet datę дату tarihi termín datoen päivä ημερομηνία dátumot
    الموعد התאריך lịch tanggalnya terminu времени kalenderen
    तारीख
    dopo straks
    suivra suivre suivront seguir seguirà seguire enviará enviada adelante depois volgt volgen
    kommer följer wkrótce później gönderilecek upřesněn følger tulossa ακολουθήσει érkezik
    urma سيتم إرسال יישלח gửi vrij
    позже позднее пізніше згодом sonra senere senare myöhemmin αργότερα sau nanti később
    ulterior لاحقا لاحقاً בהמשך बाद भेजा भेजी जाएगा जाएगी
    soon shortly later afterwards beforehand upcoming nearer closer
    follow follows clarified specified finalised finalized announced provided communicated
    posted notified circulated
    später demnächst zeitnah nachher vorab vorher rechtzeitig kürze folgen kommen kommt
    geschickt verschickt versendet verteilt zugeschickt mitgeteilt bekanntgegeben ergänzt
    konkretisiert präzisiert nachgeliefert nachreichen
    tard ultérieurement bientôt amont enverrai enverrons enverra partagerai partagerons
    partagera transmettrai transmettrons transmettra communiquerai communiquerons préciserai
    préciserons précisera compléterai compléterons confirmerai confirmerons reviendrai
    reviendrons reviens tiendrai tiens courant venir
    próximamente pronto luego después antelación anticipación enviaré enviaremos compartiré
    compartiremos compartirá compartirán mandaré mandaremos confirmaré confirmaremos
    confirmo aviso avisaré avisaremos concretamos concretaremos definimos definiremos
    precisaremos detallaremos informaré informaremos
    posteriormente antecedência enviarei enviaremos enviará compartilharei
    compartilharemos partilharei mandarei mandaremos confirmarei confirmaremos definiremos
    informarei informaremos atualizarei detalharei
    presto poi successivamente prossimamente anticipo invierò invieremo condividerò
    condivideremo manderò manderemo confermerò confermeremo definiremo aggiornerò
    aggiorneremo preciserò comunicherò comunicheremo aggiorno arrivo
    binnenkort spoedig vooraf stuur sturen stuurt gestuurd gedeeld rondgestuurd rond
    toegevoegd aangevuld bevestigd
    snart skickas skickar delas meddelas meddelar kompletteras bekräftas uppdateras fastställs
    återkommer
    niebawem wcześniej prześlę prześlemy wyślę wyślemy udostępnię udostępnimy roześlę
    roześlemy potwierdzę potwierdzimy doprecyzuję doprecyzujemy uzupełnię uzupełnimy
    ustalimy przesłane
    скоро вскоре заранее пришлю пришлём пришлем отправлю отправим поделюсь поделимся
    сообщу сообщим уточню уточним дополню подтвержу подтвердим отправлена отправлены
    разошлю разошлём
    незабаром заздалегідь надішлю надішлемо поділюся повідомлю повідомимо уточню уточнимо
    підтверджу
    yakında önceden paylaşacağım paylaşacağız göndereceğim göndereceğiz ileteceğim
    ileteceğiz bildireceğim netleştireceğim netleşecek paylaşılacak iletilecek eklenecek
    güncellenecek
    později brzy předem dodatečně upřesním upřesníme upřesní upřesněno pošlu pošleme zašlu
    zašleme nasdílím nasdílíme doplním doplníme potvrdím potvrdíme
    snarest forud sendes sender sendt deles deler delt bekræftes bekreftes opdateres
    oppdateres forhånd
    pian lähiaikoina etukäteen tarkentuu tarkentuvat tarkennetaan tarkennan tarkennamme
    lähetän lähetämme lähetetään jaan jaamme jaetaan päivitän päivitetään vahvistan
    vahvistetaan ilmoitan ilmoitamme ilmoitetaan täydennetään
    σύντομα νωρίτερα ενημερώσω ενημερώσουμε στείλω στείλουμε σταλούν σταλεί μοιραστώ
    μοιραστούμε επιβεβαιώσω διευκρινίσω
    sớm
    segera kemudian sebelumnya dikirim dikirimkan dibagikan diinfokan dikabari dikabarkan
    dikonfirmasi diperbarui
    hamarosan előre előzetesen pontosítom pontosítjuk küldöm küldjük elküldöm elküldjük
    megosztom megosztjuk jelzem jelezzük
    curând curand devreme trimit trimitem revin revenim reveni
    قريباً مسبقا مسبقاً سأرسل سنرسل سأشارك سنشارك سأوافيكم سنوافيكم سأبلغكم سنبلغكم
    בקרוב מראש אעדכן נעדכן אשלח נשלח אשתף נשתף יישלחו יעודכנו השבוע הבא
    जल्द पहले भेजे भेजेंगे भेजूंगा भेजूँगा जाएंगे जाएँगे साझा करेंगे करूंगा करूँगा
    추후 나중에 곧 조만간 공유드리겠습니다 공유하겠습니다 공유드릴게요 공유드릴 공유 예정입니다 예정
    안내드리겠습니다 안내하겠습니다 안내드릴게요 전달드리겠습니다 알려드리겠습니다 알려드릴게요
    업데이트하겠습니다 보내드리겠습니다 보내드립니다 드리겠습니다 먼저
    tid aika время időpont זמן समय 아직
    orario delen tiden tidspunkt târziu
    communiqué communiquée communiqués communiquées pasaré pasamos avanti
    dodám dodáme čas időpontot הזמן
    transmets transmettons
    arriverà arriveranno arriva confermo prossimi prossime giorni tijd alvast innan
    전에 공유드릴게요 시간만
    antes avant ennen előtt înainte sebelum trước قبل לפני πριν inden før dirai arrivent
    zamanı ajan kirim
    wochenstart wochenende wochenanfang compartilhada compartilhado compartilhados
    compartilhadas condivisa condiviso condivisi condivise närmare przesłana przesłany
    разослана разосланы 당일에 말씀드리겠습니다
    compartimos tijdstip czas 추후에
    시간
    viene  nästa veckan vecka przyszłym przyszły tygodniu tydzień następnym następny
    следующей следующая следующий следующем наступного наступний наступному тижня haftaya belli
    olur tulee будуть příští næste ensi viikolla zeit yet eventually ahead sharing 
       finalise finalize finalising finalizing confirming klären kläre
    klärt melde melden schick schickt schicke    
      verschicke verschicken versende nachliefern zusenden mitteilen teile
    envoie envoyons      précisé précisée précisés
    complète compléter complétons confirme informerai informerons viendra viendront comento
    comentamos comentaré  contaremos   concreto concretaré defino
    definiré  actualizaré mandamos enviamos avisamos envio  compartilho partilho
    confirmamos   detalho mando mandiamo  inviamo condivido
    condividiamo confermiamo   preciso precisiamo faccio sapere  deel
    stuuren laat laten weten bevestig vul aanvullen nader  kompletterar bekräftar
    uppdaterar  hör podeślę podeślemy podeśle doślę doślemy przekażę przekażemy podam
    podamy znać bliżej     вышлю вышлем скину скинем
    добавлю добавим дополним потом ближе скинемо додам додамо потім ближче güncellerim
    güncelleriz güncelleyeceğim güncelleyeceğiz paylaşırım paylaşırız gönderirim göndeririz
    iletirim bildiririm bildiririz netleşince netleştirince netleştiğinde dám vědět potom pak
    opdaterer bekræfter vender tilbage oppdaterer bekrefter tilbake päivitämme tarkempi
    tarkemmat tarkemmin     diupdate diupdet menyusul nyusul kabari kabarin
    infokan frissítem frissítjük actualizez completez confirm confirmăm  سنحدد سأحدد سنؤكد
    سأؤكد אחר כך מאוחר יותר बताया बताएंगे बताऊंगा बताऊँगा बताई
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag п'ятницю четверга дня
    montags dienstags mittwochs donnerstags freitags uhrzeit sofort perjantaille torstaille
    keskiviikolle tiistaille maanantaille aikaan godziny godzinę tygodnia przyszłego
    starts starting لاحقًا danach bagefter efterpå etterpå
    قريبًا
";

const PLACEHOLDER_WORDS: &str = "
    tbd tba tbc tbs t.b.d t.b.a t.b.c n/a n.a tbd. placeholder platzhalter pending pendiente
    pendente wip todo to-do xxx xx hold offen nee nein nej folgt nachgereicht prochainement
    preliminärt preliminär preliminarny preliminary 미정 n.v.t nvt geen brak ingen nessuno
    nenhum nenhuma 없음 无 無
    tentative provisional foreløbig foreløpig
    vormerken réservez réserver reserva reservar reserve reservado reservada segnati segnaposto
    houd boka bokning zarezerwuj rezerwacja забронируйте забронировать бронь збережіть
    ayırın tutucu rezervujte varaa κρατήστε rezervați احجز שמרו simpan giữ
    bloqué bloquée bloqueo bloqueado bloccato geblokkeerd blockerad zablokowany
    미정입니다
    save-the-date
    уточнюється уточняется уточнюются
";

const HEADING_WORDS: &str = "
    agenda agendas goal goals objective objectives purpose topic topics outline notes note
    action actions items item next steps step decisions decision questions question outcome
    outcomes summary background context pre-read preread pre-reads prereads reading discussion
    points point talking aob parking lot minutes details description overview prep
    preparation deliverables cover covering owners owner
    tagesordnung ziel ziele zweck themen thema punkte notizen protokoll aufgaben schritte
    entscheidungen fragen ergebnis ergebnisse hintergrund vorbereitung besprechungspunkte
    ordre jour objectif objectifs but sujets sujet thèmes points actions étapes décisions
    résultat résultats contexte préparation compte-rendu
    orden objetivo objetivos propósito temas tema puntos notas acciones pasos decisiones
    preguntas resultado resultados contexto preparación
    pauta tópicos pontos ações passos decisões perguntas
    ordine giorno obiettivo obiettivi scopo argomenti punti azioni
    agendapunten doel doelen onderwerpen notities acties actiepunten
    dagordning anteckningar åtgärdspunkter åtgärder beslut mål syfte ämnen frågor protokoll
    porządek obrad notatki zadania cel cele tematy pytania decyzje protokół działania
    안건 메모 실행 항목 목적 주제 결정 사항 질문 회의록
    notulen pauta notas itens ação
    acuerdos actas encaminhamentos verbale compte rendu referat
    próximos próximas siguientes additional
    повестка итоги заметки протокол решения вопросы цель задачи порядок денний підсумки
    нотатки gündem notlar kararlar sorular program poznámky zápis úkoly dagsorden noter
    referat beslutninger asialista muistiinpanot päätökset ατζέντα σημειώσεις αποφάσεις
    napirend jegyzetek döntések ordinea zi notițe decizii
    détails detalles detalhes dettagli szczegóły детали detaylar جدول الأعمال סדר chương
    trình
    एजेंडा
    detail specifics particulars
    einzelheiten
    précisions
    pormenores
    assuntos
    bijzonderheden
    detaljer agendan
    temat szczegółów
    подробности тема темы
    деталі подробиці теми
    ayrıntılar detayları ayrıntıları konu konular
    podrobnosti detaily téma témata
    emner agendaen temaer
    tiedot lisätiedot yksityiskohdat aiheet
    λεπτομέρειες θέματα
    topik
    részletek részleteket infó témák
    detalii
    التفاصيل تفاصيل المواضيع
    פרטים הפרטים נושאים
    विवरण विषय
    안건 안건은 안건이 세부 사항은 세부사항 세부사항은 자세한 상세
";

/// The vocabulary of join instructions and booking notices, in every language focusd knows.
/// A line made of these words (and function words) next to a meeting id or a join link is
/// part of the block.
const CONFERENCING_WORDS: &str = "
    join joining joined dial dial-in dialin dialing dialling call-in callin phone phones huddle
    huddles
    telephone tap one-tap mobile device devices computer pc mac tablet smartphone iphone
    android app apps application browser web online click here link url passcode password pin
    code id meeting conference number numbers local location toll toll-free free international
    sip h.323 h323 vtc video audio only room system systems options option help learn download
    install reset organizer organizers organiser host hosts attendee attendees participant
    participants access key enter find information info instructions using use also event
    changes change cancel cancellation reschedule make need powered scheduled scheduling invite
    inviting invited webinar personal privacy security reference contact support call dialing
    ways way another can't cannot trouble alternate alternative joining connecting connect
    quality higher based current note notice number(s) tap-to-join view show details meeting's
    start starts ready first when it's time moment supported instantly one-touch
    video-conferencing registering registration global globales press in-room bridges mute
    unmute
    teilnehmen teilnahme beitreten einwählen einwahl schnelleinwahl ortseinwahl einwahlnummer
    einwahlnummern telefon telefonisch mobil mobilgerät rechner klicken link kenncode passwort
    kennwort besprechung besprechungs-id meeting-id konferenz-id konferenzkennung nummer
    nummern one-touch-nummern möglichkeiten konferenz teilzunehmen unterstützten geräten
    gerät sofort laden herunter herunterladen bereit
    façons locaux confidentiel
    nummern ortsvorwahl vorwahl standort aktuellem suchen gebührenfrei gerät raumgerät
    videokonferenzgerät nur weitere optionen besprechungsoptionen hilfe informationen erfahren
    herunterladen organisatoren organisator zurücksetzen geplanten geplantes geplante lädt ein
    eingeladen einladung wählen tippen zugriffscode kennnummer veranstaltung ändern absagen
    stornieren nehmen teil über oder ihrem ihren computer hier
    rejoindre rejoignez participer participez composer composez appelez appeler numéro numéros téléphone
    téléphonique appareil ordinateur application navigateur cliquez cliquer ici lien secret mot
    passe réunion réunions identifiant conférence emplacement gratuit vidéo uniquement salle
    système aide informations savoir télécharger organisateur organisateurs réinitialiser
    planifiée programmée invite invité appuyer appuyez depuis trouver événement modifier annuler
    reprogrammer replanifier moment venu besoin
    unirse únase unase unirte participar participa llamar marcar marque número números teléfono
    telefónico móvil dispositivo ordenador computadora aplicación navegador haga clic aquí
    enlace código acceso contraseña reunión reuniones identificador conferencia ubicación
    gratuito internacional vídeo solo sistema opciones ayuda información obtener descargar
    organizador organizadores restablecer programada invitando invita invitación toque buscar
    evento cambiar cancelar reprogramar
    ingressar participe entrar discar disque telefone celular computador aplicativo clique aqui
    senha reunião reuniões conferência localização áudio somente opções informações saiba
    baixar redefinir agendada convidando convida convite encontrar alterar reagendar
    partecipa partecipare unisciti accedi numero telefono riunione codice collegamento clicca qui
    organizzatore
    deelnemen neem deel inbellen telefoon vergadering wachtwoord klik
    protocol protocole protocolo seule touche toucher fonction según mediante internationaux
    appel globale global videosystem anwendung benötigen gehen holen jetzt seien bereit erstes
    beginnt pouvez cette tablette êtes afficher saisir puede desde tableta necesita hacer
    cambios tecnología alimenté allez móvel usando pode treten bei weit gastgeber
    gastgeberinformationen anzuzeigen booked booking meetings calendar reserved ihrer mobilen
    través sala salle room entra entrare nella tocco componi base alla tua località programmata
    partecipare ulteriori informazioni nodigt uit geplande toegangscode tik mobiel basis locatie
    zoek lokale nummer ruimteapparaat trova locale
    anslut ansluta ansluter anslutning delta möte mötet möten mötes-id mötesid mötesnummer
    åtkomstkod möteslösenord lösenkod lösenord ring ringa telefon telefonnummer lokalt lokala
    hitta behöver hjälp läs mer mötesalternativ återställ klicka här dator mobilapp enhet
    rumsenhet videosystem ljud endast värd arrangör schemalagt schemalagda bjuder tryck
    mobil plats via sip h.323 tid
    dołącz dołączyć dołączanie spotkanie spotkania spotkaniu spotkań identyfikator kod
    dostępu hasło zadzwoń zadzwonić numer numery lokalny lokalne znajdź potrzebujesz pomocy
    dowiedz więcej opcje resetuj kliknij tutaj komputer aplikacja urządzenie urządzenia sali
    dźwięk tylko organizator organizatora zaplanowane zaprasza zaplanowanym czas wybierz
    lokalizacji jednym dotknięciem
    anslutning inringningsnummer inringningsnumret inringning globala nummer numret beroende
    snabbval ange mötesnumret deltagare deltagarna länk länken ladda ned ner webben
    telefonkonferens-id pin-kod pinkod alternativ organisatör organisatörer boka avboka omboka
    bokning bokningen ändra avbryt gérer réservation manage fler sätt möteslänken möteslänk
    więcej sposobów sposoby dołączenia altri modi manieren formas maneiras nadejdzie momento
    zover
    połącz połączenie połączenia połączeń telefonicznego telefonicznej telefoniczny konferencji
    dotknij dotknięcie jedno urządzeniu przenośnym przenośnego uczestnicy uczestników uczestnik
    globalne globalny według systemu wideo aplikacji aplikację mobilnej możesz wprowadzić
    wprowadź wybrać pomocy organizatorów teraz komputera komputerze tabletu smartfona pokoju
    sieci pobierz zmiany wydarzeniu wydarzenia wydarzenie anuluj anulować zmień zmienić termin
    harmonogram konferencja internetowa
    dispositivo dispositivi mobili stanza scarica sul oppure chiama conferenza telefonica trova
    reimposta altre opzioni tocca tramite numeri globali sistema applicazione immettere
    possibile web devi apportare modifiche annulla riprogramma prenotata prenotato
    mobiel apparaat alleen deelnemers wereldwijde inbelnummers inbelnummer videosysteem
    toepassing bel vergadernummer invoeren telefoonnummers pincode opnieuw plannen annuleren
    afspraak geboekt wijzigingen aanbrengen evenement meer informatie mogelijk gemaakt
    folgenden beizutreten eingewählten telefonnummern sehen dieses
    dispositivo somente participantes chamada globais vídeo inserir precisa fazer alterações
    cancelar reagendar tablet smartphone
    회의 회의에 회의를 참가 참가하기 참여 참여하기 접속 전화 전화로 번호 암호 비밀번호 코드 도움이
    필요하세요 필요하신가요 자세히 알아보기 옵션 재설정 클릭 여기 컴퓨터 앱 장치 모바일 오디오 전용
    주최자 예약된 초대합니다 초대했습니다 초대 화상 회의실 가입 다이얼 통해 미팅 시간 위치 찾기
    귀하를 모임 한 번 탭
    присоединиться подключиться подключение конференции конференция конференцию видеовстрече
    видеовстреча телефону телефон телефона номер номера номеров другие идентификатор код
    доступа пароль ссылка ссылке нажмите здесь мобильного устройства устройство местоположения
    набрать компьютера приложение справка подробнее параметры собрания собрание
    приєднатися підключитися конференції телефоном номери інші ідентифікатор доступу
    посилання натисніть тут пристрій
    katılın katıl katılmak katılım telefonla telefon numarası numaraları diğer kimliği parola
    şifre bağlantı tıklayın buraya cihaz bilgisayar uygulama yardım seçenekler
    připojit připojte připojení telefonicky číslo čísla další telefonní kód heslo odkaz
    klikněte zde zařízení počítač aplikace nápověda možnosti
    deltag deltage deltagelse telefonnummer telefonnumre flere møde-id adgangskode klik her
    enhed computer hjælp indstillinger bli delta møte-id passord lenke klikk enhet datamaskin
    hjelp alternativer
    liity liittyä liittymällä meetillä puhelimella puhelin puhelinnumeroita puhelinnumero lisää
    kokouksen tunnus salasana koodi linkki napsauta tästä laite tietokone sovellus ohje
    asetukset
    συμμετοχή συμμετοχής μέσω τηλεφώνου τηλέφωνο αριθμοί αριθμός περισσότεροι κωδικός
    πρόσβασης σύνδεσμος κάντε κλικ εδώ συσκευή υπολογιστή εφαρμογή βοήθεια επιλογές
    tham gia bằng điện thoại số khác mã mật khẩu liên kết nhấp vào đây thiết bị máy tính ứng
    dụng trợ giúp tùy chọn
    gabung bergabung melalui telepon nomor lainnya kode sandi kata tautan klik sini perangkat
    komputer aplikasi bantuan opsi
    csatlakozás csatlakozzon telefonon telefonszámok telefonszám további szolgáltatással
    azonosító jelszó hivatkozás kattintson ide eszköz számítógép alkalmazás súgó beállítások
    participă participați alăturați-vă prin numere număr multe parolă faceți clic aici
    dispozitiv aplicație ajutor opțiuni
    الانضمام انضم باستخدام عبر الهاتف أرقام رقم المزيد الهواتف معرف الاجتماع رمز المرور
    كلمة رابط انقر هنا جهاز الكمبيوتر التطبيق مساعدة خيارات
    הצטרפות הצטרף באמצעות בטלפון טלפון מספרי מספר נוספים מזהה הפגישה קוד סיסמה קישור לחץ
    כאן מכשיר מחשב אפליקציה עזרה אפשרויות
    जुड़ें शामिल हों फ़ोन फोन नंबर ज़्यादा आईडी पासकोड पासवर्ड लिंक क्लिक यहां डिवाइस कंप्यूटर
    ऐप सहायता विकल्प
    телефонов телефонів номерів номерами видеоконференции відеозустрічі
    найдите местный быстрое набрать зависимости местоположения konumunuza arayın yerel
    numaranızı bulun tek dokunuşla mobil
    присоединяйтесь приєднуйтеся щелкните нажмите натисніть datamaskinen mobilappen
    romenheten
    tunnuskoodi geçiş kodu αναγνωριστικό σύσκεψης jelkód acces секретный код
    értekezlet-azonosító
    microsoft teams-møde rumenhed mødet internettet mere vide mødeindstillinger teams-møte
    møtet last nettet finn møtealternativer kokous tietokoneella mobiilisovelluksella
    huonelaitteella kokoukseen napsauttamalla lataa verkossa lisätietoja schůzka počítači
    mobilní aplikaci místnosti kliknutím připojíte schůzce stáhnout webu informace schůzky
    toplantısı bilgisayarınızdan uygulamadan oda cihazından toplantıya teams'i indirin
    üzerinden fazla bilgi edinin toplantı seçenekleri мобильное комнаты собранию скачать
    интернет تطبيق الأجهزة المحمولة الغرفة للانضمام تنزيل الويب معرفة במחשב באפליקציה לנייד
    במכשיר החדר להצטרף לפגישה הורד באינטרנט למידע נוסף פגישה פגישת मीटिंग कंप्यूटर मोबाइल
    रूम डिवाइस होने डाउनलोड वेब अधिक जानें विकल्प करें यहाँ 장치에서 여기를 클릭하여 모임에 웹에서
    κινητές συσκευές αίθουσας συμμετάσχετε λήψη μάθετε περισσότερα σύσκεψη động hoặc phòng
    bấm tải xuống tìm hiểu thêm seluler ruangan unduh pelajari selengkapnya számítógépen
    mobilalkalmazásban tárgyalóeszközön értekezlethez csatlakozáshoz letöltése weben
    információ beállításai teams-értekezlet aplicația mobilă dispozitivul sală alătura
    întâlnirii descărcați aflați комп’ютера комп'ютера мобільного додатка пристрою кімнати
    наради завантажити інтернеті докладніше параметри нарада
    seul appui
";

/// Words that say who runs or booked a meeting, in the languages conferencing and booking
/// tools write them ("Hosted by Linda Park", "Organisé par Isabelle Moreau", "Gastgeber:
/// Stefan Braun", "booked with Dana Fox").
const ROLE_WORDS: &str = "
    host hosts hosted hosting organizer organiser organizers organisers organized organised
    staff booked scheduled
    gastgeber gastgeberin veranstalter veranstalterin organisiert organisator organisatorin
    organisé organisée organisateur organisatrice
    organizado organizada organizador organizadora anfitrión anfitriona
    organizzato organizzata organizzatore organizzatrice
    georganiseerd gastheer gastvrouw
    organizowane organizowany organizator organizatorka prowadzący prowadząca
    värd arrangör arrangerat organiserat organiseret vært arrangeret
    järjestäjä isäntä pořadatel organizátor organizuje düzenleyen düzenleyici
    организатор организует ведущий מארגן מארח המארגן المنظم المضيف आयोजक
    behalf
    użytkownika adlı kullanıcının
";

/// Conferencing and booking products: the same name in every language.
const BRAND_WORDS: &str = "
    zoom zoom.us teams webex gotomeeting gotowebinar goto chime jitsi skype lync bluejeans
    whereby calendly calendly.com chilipiper hubspot savvycal cal.com doodle youcanbook.me
    acuity ringcentral pexip hangouts bookings google cal zoho lark feishu dingtalk tencent voov
    welink lifesize
";

/// Verbs and phrases that state what the meeting is for or what it decides: with them, even
/// a short line is an agenda ("decide the launch date", "go/no-go", "A vs B").
static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    let cues = [
        // English.
        r"decid(?:e|es|ed|ing)",
        r"pick(?:s|ing)?",
        r"choos(?:e|es|ing)",
        r"select(?:s|ing)?",
        r"approv(?:e|es|al|ing)",
        r"sign(?:ing)?[- ]?offs?",
        r"go/no[- ]?go",
        r"go-no-go",
        r"vs\.?",
        r"versus",
        r"estimat(?:e|es|ing|ion)",
        r"walk(?:ing)?[- ]?through",
        r"walkthrough",
        r"go(?:ing)? (?:over|through)",
        r"debrief(?:ing)?",
        r"review(?:s|ing)?",
        r"finali[sz](?:e|ing)",
        r"vot(?:e|ing)",
        r"prioriti[sz](?:e|ing|ation)",
        r"agree (?:on|to|whether)",
        r"settle",
        r"resolv(?:e|ing)",
        r"triag(?:e|ing)",
        r"evaluat(?:e|ing)",
        r"compar(?:e|ing)",
        r"assess(?:ing)?",
        r"plan (?:the|our|for|how)",
        r"figure out",
        r"kill or keep",
        r"ship or",
        // German.
        r"entscheid(?:en|ung|ungen|et)",
        r"beschließen",
        r"beschluss",
        r"festlegen",
        r"festzulegen",
        r"freigeben",
        r"freigabe",
        r"abstimmen",
        r"auswählen",
        r"priorisier(?:en|ung)",
        r"bewerten",
        r"durchgehen",
        r"klären",
        r"prüfen",
        r"besprechen",
        // French.
        r"décid(?:er|ons|é)",
        r"décision",
        r"choisir",
        r"valider",
        r"validation",
        r"arbitr(?:er|age)",
        r"approuver",
        r"prioriser",
        r"trancher",
        r"passer en revue",
        r"revoir",
        r"relire",
        r"estimer",
        // Spanish and Portuguese.
        r"decidir",
        r"decisión",
        r"decisão",
        r"elegir",
        r"escolher",
        r"aprobar",
        r"aprovar",
        r"validar",
        r"priorizar",
        r"revisar",
        r"acordar",
        r"definir",
        // Italian and Dutch.
        r"decidere",
        r"scegliere",
        r"approvare",
        r"rivedere",
        r"valutare",
        r"beslissen",
        r"besluiten",
        r"kiezen",
        r"goedkeuren",
        r"doornemen",
        r"beoordelen",
        // Swedish and Polish.
        r"besluta",
        r"beslut",
        r"bestämma",
        r"bestämmer",
        r"godkänna",
        r"granska",
        r"gå igenom",
        r"går igenom",
        r"zdecydować",
        r"zdecydujemy",
        r"decyzj[aię]",
        r"zatwierdzić",
        r"zatwierdzenie",
        r"ocenić",
    ];
    Regex::new(&format!(
        r"(?i)(?:^|[^\p{{L}}\p{{N}}])(?:{})(?:$|[^\p{{L}}\p{{N}}])|決定|決め|判断|承認|選定|合意|レビュー|検討|判定|方針|可否|决定|决策|评审|評審|审批|審批|审核|審核|确定|確定|选定|批准|定稿|결정|검토|승인|확정|선정|합의",
        cues.join("|")
    ))
    .expect("valid regex")
});

/// The first decision cue in `text`, as written.
pub(super) fn decision(text: &str) -> Option<&str> {
    let m = DECISION.find(text)?;
    Some(m.as_str().trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Phrases that say the content is missing; removed before the words are looked at, so that
/// "to be decided" is not read as a decision.
static PLACEHOLDER_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let phrases = [
        // The details passed on later, in more wordings ("luego os paso más detalle", "nội
        // dung sẽ gửi sau").
        r"(?:luego |después |más tarde )?(?:os|te|les) paso (?:más |los )?detalles?",
        r"nội dung (?:sẽ )?(?:gửi|cập nhật|báo|thông báo) sau",
        // A hold of the date in Korean ("일정 홀드합니다").
        r"(?:일정|시간)(?:을|은)? (?:먼저 )?홀드(?:합니다|해 둡니다|해둡니다|할게요|하겠습니다)",
        r"홀드(?:합니다|해 둡니다|해둡니다|할게요|하겠습니다)",
        // Still to be settled, as a phrase in more languages ("Nog in te vullen", "Chưa xác
        // định", "Egyeztetés alatt", "Θα επιβεβαιωθεί", "سيتم التأكيد لاحقًا", "बाद में तय
        // होगा"), and a hold until someone answers ("Holding the slot until we hear back").
        r"(?:nog|nader|later) in te vullen",
        r"chưa (?:xác định|có|rõ|chốt)",
        r"egyeztetés alatt",
        r"θα (?:επιβεβαιωθεί|διευκρινιστεί|καθοριστεί)",
        r"سيتم (?:التأكيد|التحديد|الإعلان)",
        r"तय (?:होगा|होगी|किया जाएगा)",
        r"da (?:definire|confermare|stabilire)",
        r"(?:(?:tentatively )?hold(?:ing)? (?:the |this )?(?:time|slot|spot|date) )?(?:until|till|once) (?:we|i) (?:hear back|confirm|get confirmation)(?: (?:from|with) (?:you|your side|them|the others|everyone|the team|all))?",
        // Holding the time and details later, as the sixth seen set's writer put them.
        // The ninth seen set's: content to come, in more languages.
        r"(?:content|details|agenda) (?:to be|will be) (?:confirmed|specified|shared)(?: later)?",
        r"később pontosítjuk",
        r"naknadno",
        r"будет уточнено",
        r"belirlenecek",
        r"बाद में तय करेंगे",
        r"akan dikabari",
        r"יפורסם בהמשך",
        r"platzhalter",
        r"termin zur vorreservierung",
        r"reservo el hueco(?: y os paso (?:los )?detalles)?",
        r"仮押さえ(?:です)?",
        r"urmează detalii(?:le)?",
        r"ikke (?:bestemt|fastlagt|afklaret|avklart)(?: endnu| ennå| enda)?",
        r"de stabilit",
        r"nog te bepalen",
        r"(?:infos?|details|unterlagen) kommen noch",
        r"luego paso (?:los )?detalles",
        r"λεπτομέρειες αργότερα",
        r"פרטים בהמשך",
        r"डिटेल्स बाद में",
        r"상세 내용은 추후 공유드릴게요",
        r"일정만 먼저 잡아둡니다",
        r"(?:mere|flere detaljer|detaljer|mer info) følger",
        r"pladsholder",
        r"plassholder",
        r"platshållare",
        r"paikanvaraus",
        r"blokace času",
        r"κράτηση (?:χρόνου|ώρας)",
        r"θα (?:οριστεί|ανακοινωθεί)",
        r"ייקבע בהמשך",
        r"שמירת מקום",
        r"حجز مبدئي",
        r"időpont (?:fenntartva|foglalva|lefoglalva)",
        r"hold for \p{Lu}\p{L}+(?:\s?[-–—]\s?(?:(?:pls|please) )?(?:do not|don't|dont) book over)?",
        r"(?:(?:pls|please) )?(?:do not|don't|dont) book over",
        r"(?:(?:pls|please) )?keep (?:it |this |the slot |the time )?free",
        r"\p{Lu}\p{L}+'s (?:ea|pa|assistant|office) will confirm",
        r"blocker,? bitte freihalten",
        r"blok(?:ir)? jadwal(?: dulu)?(?: ya)?",
        r"자리 잡아둡니다",
        r"rezervare",
        r"reservering",
        r"varaus",
        // Before the shorter phrases that start where it does.
        r"(?:details|agenda|info|information|specifics|more) (?:to follow|will follow|coming) (?:in due course|closer to the (?:date|time|day))",
        // The content, the material or the information as what is to follow: as a phrase
        // only, since each of those nouns is a topic on its own ("Content for the
        // newsletter", "Materials for the trade fair").
        r"(?:die )?(?:inhalte|informationen|unterlagen|materialien) (?:werden|folgen|kommen)(?: noch| später| bald| in kürze)*(?: (?:verschickt|versendet|nachgereicht|geteilt|mitgeteilt))?",
        r"(?:enviaremos|enviarei|compartilharemos|compartilharei) (?:mais )?(?:informações|conteúdos?|materiais)(?: em breve| depois| mais tarde)?",
        r"(?:condivideremo|condividerò|invieremo|invierò|manderemo) (?:i |le )?(?:contenuti|materiali|informazioni)(?: a breve| più avanti| in seguito)?",
        r"contenuti (?:da definire|a seguire|in arrivo)",
        r"(?:enviaremos|enviaré|compartiremos|compartiré) (?:más |el |la |los |las )?(?:información|contenidos?|materiales)(?: pronto| próximamente| más adelante| luego)?",
        r"(?:nous enverrons|on enverra|je partagerai|nous partagerons|j'enverrai) (?:les |le )?(?:contenus?|informations|supports)(?: bientôt| plus tard| prochainement)?",
        r"(?:we'll|we will|i'll|i will) (?:send|share|circulate) (?:the |more )?(?:content|materials|information|info)(?: soon| later| beforehand| ahead of time| in advance)?",
        r"자세한 내용(?:은|이|을)?",
        r"일정 확보(?:용으로|용입니다|용)",
        r"(?:お)?時間(?:を)?(?:仮で|仮に)?確保",
        r"日程確保",
        r"(?:内容|具体内容|詳細|详细信息|詳細資訊)(?:は)?(?:後日|追って|另行|稍后|稍後|待)(?:ご連絡|连络|通知|确认|確認|补上|補上|共有)?(?:いたします|します)?",
        // First, so that it wins over the shorter "to be confirmed" where both start.
        r"to be (?:confirmed|shared|sent|announced|clarified|finali[sz]ed|decided|defined|circulated) (?:in due course|later|soon|shortly|closer to the (?:date|time|day))",
        r"to be (?:decided|determined|defined|announced|confirmed|shared|added|sent|discussed|agreed|scheduled|updated|finali[sz]ed)",
        r"(?:details|agenda|info|information|more|content|topics)(?: (?:is|are|will be|to be))? (?:to follow|tbd|tba|tbc|coming your way(?: soon| shortly)?|coming soon|coming|soon|later|shortly|pending)",
        r"(?:agenda|details|info|more information|topics) (?:will|to) (?:be )?(?:follow|shared|sent|added|provided|circulated|posted)(?: later| soon| shortly| before(?: the)? (?:meeting|call|session))?",
        r"(?:will|i'll|we'll) (?:share|send|add|circulate|post)(?: (?:the |an? )?(?:agenda|details|doc|document|info|it))?(?: later| soon| shortly| before(?: the)? (?:meeting|call|session))?",
        r"will be (?:shared|sent|added|provided|circulated|posted)(?: later| soon| shortly| before(?: the)? (?:meeting|call|session))?",
        r"to follow",
        r"will follow",
        r"more to come",
        r"coming soon",
        r"not yet",
        r"on hold",
        r"(?:save|hold) the (?:date|time|slot)",
        r"holding (?:the )?(?:time|slot|spot)",
        r"place ?holder",
        r"(?:wird|werden) (?:noch )?nachgereicht",
        r"folgt(?: noch)?(?: in kürze)?",
        r"kommt noch",
        r"noch offen",
        r"à venir",
        r"à définir",
        r"à confirmer",
        r"à préciser",
        r"suivra",
        r"(?:l'ordre du jour|les détails) (?:suivra|suivront|sera envoyé|seront envoyés)",
        r"por (?:definir|confirmar|determinar)",
        r"a (?:definir|confirmar|determinar)",
        r"(?:la agenda|los detalles|a pauta|os detalhes) (?:se enviará|se enviarán|será enviada|serão enviados)(?: más adelante| depois| em breve)?",
        r"más adelante",
        r"em breve",
        r"da (?:definire|confermare)",
        r"nog te bepalen",
        r"volgt nog",
        r"(?:details|agenda|info|meer info|inhoud|informatie|meer informatie) (?:volgen|volgt)(?: nog| later| binnenkort)?",
        r"wordt nog (?:gedeeld|gestuurd|toegevoegd)",
        r"(?:do|w trakcie) ustalenia",
        r"(?:szczegóły|agenda) (?:wkrótce|później)",
        r"(?:dettagli|agenda) (?:a seguire|in arrivo|seguiranno)",
        r"(?:detaljer|agenda) (?:kommer|följer)(?: senare| senere| snart)?",
        r"mer (?:information|info|detaljer) (?:kommer|följer)(?: senare| snart)?",
        r"(?:dagsorden|agenda|detaljer|mere info|mer info) (?:følger|kommer)(?: senere| snart)?",
        r"(?:program|agenda|podrobnosti|detaily) (?:bude|budou) (?:upřesněn[aoy]?|doplněn[aoy]?|zaslán[aoy]?)(?: později)?",
        r"(?:повестка|повестка дня|детали|подробности|программа) (?:будет|будут) (?:позже|позднее|сообщен[аы]? позже|отправлен[аы]? позже)",
        r"(?:asialista|lisätiedot|tarkemmat tiedot) (?:tulossa|tulee myöhemmin|tulevat myöhemmin)",
        r"(?:gündem|detaylar|ayrıntılar) (?:daha sonra|yakında) (?:paylaşılacak|gönderilecek|iletilecek)",
        r"(?:details|infos|agenda|tagesordnung) folgen(?: noch| später| in kürze)?",
        r"(?:bitte )?(?:den )?termin (?:freihalten|vormerken|blocken)",
        r"(?:细节|详情|议程)(?:稍后|随后)(?:发送|提供|通知)?",
        r"(?:详细内容|詳細內容|详情|詳情|细节|細節)?(?:稍后|稍後|随后|隨後)(?:补充|補充|提供|发送|發送|通知|分享|告知)",
        r"(?:자세한 )?(?:내용|사항|세부 사항|안건|일정)(?:은|는|이|가)? 추후 (?:공유|안내|공지|전달)\S*",
        r"추후 (?:공유|안내|공지|전달)\S*",
        r"未定",
        r"調整中",
        r"追って(?:ご)?(?:連絡|共有|送付)(?:します|いたします|致します)?",
        r"後ほど(?:ご)?(?:連絡|共有|送付)(?:します|いたします|致します)?",
        r"別途(?:ご)?(?:連絡|共有|送付)(?:します|いたします|致します)?",
        r"仮押さえ",
        r"待定",
        r"(?:créneau|horaire|rendez-vous) provisoire",
        r"program (?:příští týden|později|bude později|upřesním)",
        r"dam (?:ci |wam |państwu )?znać",
        r"일정(?:을|은)? (?:먼저 )?(?:잡아두겠습니다|잡아둡니다|잡아두었습니다|잡아뒀습니다|잡았습니다)",
        r"jadwal sementara",
        r"(?:saya )?blokir dulu(?: jadwal(?:nya)?)?",
        r"(?:die )?unterlagen (?:schicke ich|schicken wir|kommen|folgen)(?: noch)?(?: vorab| später| in kürze)?",
        r"(?:enviaré|enviaremos|compartiré|compartiremos|mandaré) el temario(?: próximamente| luego| más adelante)?",
        r"(?:udostępnimy|udostępnię|prześlę|prześlemy|wyślę|wyślemy|podeślę|podeślemy) (?:więcej )?informacje(?: niebawem| wkrótce| później)?",
        r"(?:mer )?informasjon (?:sendes|kommer|følger)(?: ut)?(?: snart| senere)?",
        r"(?:materi|informasi|detail) (?:akan )?(?:dibagikan|dikirim|diinfokan|menyusul)(?: kemudian| nanti| segera)?",
        r"(?:سنشارك|سأشارك|سنرسل|سأرسل) (?:المعلومات|التفاصيل|المحتوى)(?: لاحقا| لاحقاً| قريبا| قريباً)?",
        r"(?:具体|具體)?(?:议程|議程|细节|細節|详情|詳情)(?:稍后|稍後|随后|隨後)(?:发出|發出|发送|發送|通知|补充|補充)",
        r"(?:详细信息|詳細資訊)待定",
        r"(?:confermo|condivido|invio|mando) i contenuti(?: nei prossimi giorni| più avanti| a breve)?",
        r"(?:solo )?reservo el (?:espacio|hueco|horario|rato)",
        r"trimit (?:subiectele|detaliile|agenda) (?:înainte|inainte|mai târziu|ulterior)(?: de (?:ședință|sedinta|întâlnire))?",
        r"booking (?:jadwal|slot|waktu|tempat)(?: dulu)?",
        r"in due course",
        r"je bloque(?: juste| simplement)? (?:le|ce) créneau",
        r"(?:os|te|les) aviso con (?:el contenido|los detalles|la agenda|más info)",
        // The content as what is to follow: as a phrase only, since each of those nouns is a
        // topic on its own ("Contenu du site", "Inhalte für den Newsletter").
        r"(?:le |les )?contenus? (?:à préciser|à venir|à confirmer|à définir|suivra|suivront|plus tard|bientôt)",
        r"(?:el |los )?contenidos? (?:pendientes?|por definir|por confirmar|más adelante|luego|próximamente)",
        r"(?:o |os )?conteúdos? (?:a definir|a confirmar|depois|em breve|mais tarde|a seguir)",
        r"(?:i )?contenuti? (?:più avanti|in seguito|a breve|da confermare)",
        r"(?:die )?inhalte? (?:folgen|folgt|kommen|kommt)(?: noch| später| bald| in kürze)?",
        r"(?:de )?inhoud (?:volgt|komt)(?: nog| later| binnenkort)?",
        r"innehåll(?:et)? (?:kommer|följer)(?: senare| snart)?",
        r"(?:treść|szczegóły) (?:później|wkrótce|do potwierdzenia|do ustalenia)",
        r"(?:obsah|podrobnosti) (?:později|pošlu později|upřesním)",
        r"(?:sisältö|tarkempi sisältö) (?:myöhemmin|tarkentuu(?: myöhemmin)?|tulossa)",
        r"(?:a )?(?:tartalom|tartalmat|részleteket) (?:később|hamarosan)(?: küldöm| pontosítom| jelzem)?",
        r"conținutul? (?:ulterior|mai târziu|în curând|urmează)",
        r"περιεχόμενο (?:αργότερα|σύντομα|θα ακολουθήσει)",
        r"(?:зміст|деталі|наповнення) (?:пізніше|згодом|потім|буде пізніше)",
        r"(?:التفاصيل|المحتوى) (?:لاحقا|لاحقاً|قريبا|قريباً)",
        r"(?:הפרטים|התוכן|פרטים) (?:בהמשך|בקרוב|יעודכנו)",
        r"(?:isi|detail|detailnya|agenda) (?:menyusul|nanti|nyusul)(?: ya)?",
        // Details later and holding the time, in wordings the first lists lacked.
        r"(?:den |die )?(?:inhalte?|details|themen|agenda|rest|alles weitere) (?:klären|besprechen|sprechen|klärt|klären wir) (?:wir )?(?:noch|später|dann|vorab|kurzfristig)",
        r"(?:je |nous )?(?:reviens|reviendrai|reviendrons|revenons) (?:vers (?:vous|toi) )?(?:avec|pour) (?:les |le |plus de )?(?:détails|infos|informations|contenu|programme)",
        r"(?:ya )?(?:os|te|les) (?:cuento|cuentos|contamos|comento|comentamos|aviso|avisamos|paso los detalles)(?: más adelante| luego| después)?",
        r"(?:revin|revenim) (?:cu|ulterior cu) (?:detalii|detaliile|informații|agenda)",
        r"(?:nội dung|chi tiết|thông tin|chương trình)(?: sẽ)? (?:cập nhật|bổ sung|gửi|thông báo|báo)(?: sau| sớm| lại sau)",
        r"giữ chỗ(?: trước)?",
        r"yer tutucu",
        r"(?:mindjárt|később|majd) (?:jelentkezem|küldöm|pontosítom)",
        r"(?:it'?s |it is |this is |sending (?:this|it|an invite) )?(?:on|into) (?:your |our |both our |both of our |everyone's |people's |all )calendars?",
        r"(?:to get|to put|get|put|getting|putting) (?:it|this|something|a time|time) (?:on|in) (?:the books|the calendar|calendars|everyone's calendar)",
        r"so (?:it|that it|the time) (?:doesn't|does not|won't|will not) (?:disappear|get lost|get buried|get taken|fill up)(?: under everything else)?",
        r"no (?:agenda|details|content|topics)(?: yet| so far| for now)?",
        r"(?:fill|filling) in (?:the )?(?:details|agenda|content|blanks)",
        r"(?:informações|detalhes|conteúdo|pauta) (?:em breve|depois|a seguir|mais tarde)",
        r"(?:treść|szczegóły|agenda|program) (?:podeślę|prześlę|wyślę|podam)(?: później| wkrótce| bliżej (?:daty|terminu))?",
        r"(?:sisältö|tarkempi sisältö|tarkemmat tiedot|asialista|agenda) (?:myöhemmin|tulossa|tarkentuu)",
        r"(?:indhold|innhold|innehåll|detaljer|agenda) (?:kommer|følger|följer)(?: senere| senare| snart)?",
        r"återkommer (?:med|om) (?:innehåll|detaljer|agenda|mer info|information)",
        r"(?:наполнение|содержание|программа|детали) (?:будет|будут|появится|появятся) (?:позже|потом|ближе к делу)",
        r"(?:içerik|detaylar|gündem) (?:netleşince|belli olunca|sonra) (?:güncellerim|güncelleyeceğim|paylaşırım|paylaşacağım|eklerim)",
        r"(?:سيتم|سوف يتم) (?:تحديد|إرسال|مشاركة|تأكيد) (?:التفاصيل|المحتوى|جدول الأعمال)(?: لاحقا| لاحقاً| قريبا| قريباً)?",
        r"(?:विवरण|जानकारी|एजेंडा|विषय) (?:जल्द|बाद में) (?:साझा|भेजा|बताया) (?:किया )?(?:जाएगा|जाएगी|जाएंगे)",
        r"बाद में बताया जाएगा",
        r"미정",
        r"nothing to prepare",
        r"no prep(?:aration)?(?: needed| required)?",
        r"no agenda(?: needed)?",
        r"nichts vorzubereiten",
        r"rien à préparer",
        r"nada que preparar",
        // More of Russian, Ukrainian, Turkish, Czech, Danish, Norwegian, Finnish, and Greek,
        // Vietnamese, Indonesian, Hungarian, Romanian, Arabic, Hebrew, Hindi: "details
        // later", "to be confirmed". Last, so that a longer phrase above wins where both
        // start.
        r"(?:подробности|детали|повестка|информация)(?: будут| будет)? (?:позже|позднее|следуют|будут позже)",
        r"(?:будет|будут) (?:уточнен[оаы]?|позже|отправлен[аы]?)",
        r"уточняется",
        r"(?:деталі|подробиці|порядок денний) (?:пізніше|згодом|буде пізніше)",
        r"(?:буде|будуть) (?:уточнено|пізніше)",
        r"(?:detaylar|ayrıntılar|gündem)(?: daha sonra| sonra)? (?:paylaşılacak|gönderilecek|belirlenecek|iletilecek)",
        r"(?:detaylar|ayrıntılar) daha sonra",
        r"belirlenecek",
        r"(?:podrobnosti|detaily|program) (?:později|budou upřesněny|upřesníme|pošlu později)",
        r"bude upřesněno",
        r"(?:detaljer|dagsorden|agenda) (?:følger|kommer)(?: senere| snarest)?",
        r"følger senere",
        r"(?:tarkemmat )?(?:tiedot|yksityiskohdat|asialista) (?:myöhemmin|tulossa|tarkentuvat|seuraa)",
        r"(?:λεπτομέρειες|ατζέντα) (?:σύντομα|θα ακολουθήσουν|αργότερα|θα ακολουθήσει)",
        r"θα ακολουθήσ(?:ει|ουν)",
        r"(?:chi tiết|nội dung|chương trình) (?:sau|sẽ gửi sau|sẽ cập nhật sau|cập nhật sau)",
        r"sẽ (?:gửi|cập nhật) sau",
        r"(?:detail|rincian|agenda) (?:menyusul|akan dikirim|akan diinfokan|nanti)",
        r"menyusul",
        r"(?:részletek|napirend) (?:később|hamarosan|követik|következik)",
        r"később pontosítjuk",
        r"(?:detalii|agenda) (?:în curând|ulterior|mai târziu|vor urma|urmează)",
        r"(?:التفاصيل|جدول الأعمال) (?:لاحقا|لاحقاً|قريبا|قريباً|ستتبع)",
        r"سيتم (?:التحديد|التأكيد|الإرسال) لاحق(?:ا|اً)?",
        r"(?:פרטים|סדר יום|אג'נדה) (?:בהמשך|יישלחו בהמשך|יעודכנו)",
        r"יעודכן(?: בהמשך)?",
        r"(?:विवरण|एजेंडा|जानकारी) (?:बाद में|जल्द ही)(?: भेजा जाएगा| भेजी जाएगी| साझा किया जाएगा)?",
        r"(?:plus d'?informations?|plus d'?infos?|plus de détails|détails|informations) (?:à venir|suivront|suivent|sous peu)",
        r"(?:flere |mer |mere )(?:detaljer|info(?:rmasjon|rmation)?) (?:følger|kommer|följer)(?: senere| senare| snart| snarest)?",
        r"(?:kommer tilbake|vender tilbage|återkommer|komme tilbake) med (?:agenda|dagsorden|detaljer|mer info(?:rmasjon)?|mere info)",
        r"(?:i'?ll|we'?ll|will) (?:come|get) back (?:to you )?with (?:the )?(?:agenda|details|more info(?:rmation)?)",
        r"詳細は追って(?:ご?(?:連絡|共有|送付|お知らせ)(?:します|いたします|致します)?)?",
        r"سيتم إرسال (?:التفاصيل|جدول الأعمال) لاحقا",
        r"onder voorbehoud",
        r"sett av (?:datoen|tiden|dagen)",
        r"sæt kryds i kalenderen",
        r"jegyezd fel",
        r"yer tutucu",
        r"सुरक्षित रखें",
        r"houd (?:deze|de) (?:datum|tijd|dag) vrij",
        r"sous réserve",
        // Details later, in more wordings: the meta noun, a verb of sending or clarifying,
        // an adverb of later, in the persons and tenses such lines use.
        r"in due course",
        r"(?:closer to|nearer(?: to)?) the (?:date|time|day|meeting|session|event)",
        r"subject to change",
        r"not (?:yet )?final(?:i[sz]ed)?(?: yet)?",
        r"still (?:tbd|tbc|open|pending|to be (?:confirmed|decided|defined))",
        r"(?:i'?ll|we'?ll|i will|we will) (?:confirm|clarify|update you|fill (?:you )?in|let you know|keep you posted|follow up|be in touch)(?: (?:on|with) (?:the )?(?:details|agenda|specifics|info(?:rmation)?|content))?",
        r"(?:weitere |nähere |genauere |mehr )?(?:infos?|informationen|details|einzelheiten|inhalte?|unterlagen) (?:folgen|kommen|gibt es|werden (?:noch )?(?:nachgereicht|verschickt|geteilt|ergänzt))(?: noch)?(?: später| in kürze| bald| demnächst| zeitnah)?",
        r"steht noch aus",
        r"wird noch (?:bekannt gegeben|mitgeteilt|ergänzt|verschickt|geteilt|konkretisiert|präzisiert)",
        r"(?:ich )?(?:gebe|geben) (?:noch )?bescheid",
        r"(?:je )?(?:vous |te )?(?:tiens|tiendrai|tiendrons) au courant",
        r"(?:je |nous )?(?:reviens|reviendrai|revenons|reviendrons) vers (?:vous|toi)(?: avec [^.,;]{0,30})?",
        r"(?:à|en) l'avance",
        r"(?:à titre|en) provisoire",
        r"(?:à|en) suspens",
        r"por adelantado",
        r"(?:te|os|les) (?:mantendré|mantengo|mantenemos|mantendremos) (?:informad[oa]s?|al tanto)",
        r"(?:ainda )?em aberto",
        r"(?:vi|ti) (?:farò|faremo|faccio|facciamo) sapere",
        r"in via (?:provvisoria|preliminare)",
        r"(?:a|en) breve",
        r"da (?:definire|confermare|precisare|stabilire)",
        r"nader te bepalen",
        r"laat (?:ik|we) (?:nog )?weten",
        r"inom kort",
        r"i förväg",
        r"do (?:potwierdzenia|uzupełnienia|doprecyzowania|określenia)",
        r"dam (?:znać|wam znać)",
        r"ближе к (?:делу|дате|встрече)",
        r"dám vědět",
        r"på forhånd",
        r"(?:στείλω|στείλουμε|θα ενημερώσω|θα ενημερώσουμε) (?:λεπτομέρειες|πληροφορίες)",
        r"εκ των προτέρων",
        r"(?:thông tin|chi tiết|nội dung|chương trình|tài liệu)(?: chi tiết)? (?:sẽ )?(?:được )?(?:gửi|cập nhật|thông báo|chia sẻ) (?:sau|sớm|trước)",
        r"sẽ (?:thông báo|chia sẻ|xác nhận) (?:sau|sớm)",
        r"(?:giữ|đặt) lịch(?: tạm(?: thời)?)?",
        r"tạm thời",
        r"tạm (?:giữ|đặt) lịch",
        r"(?:info|informasi|rincian|detail)(?: lengkap)? akan (?:dikabari|dikabarkan|diinfokan|dikirim|dibagikan)(?: segera| nanti| kemudian)?",
        r"în avans",
        r"(?:în|pe) curând",
        r"באופן זמני",
        r"अस्थायी (?:रूप से|तौर पर)",
        r"(?:so (?:that )?)?(?:it'?s|it is|it shows|we have it|everyone has it|this is) (?:on|in) (?:the |your |our |everyone'?s |people'?s |all )?(?:calendars?|diar(?:y|ies))",
        r"(?:just )?to (?:get|put|have|keep) (?:it|this) (?:on|in) (?:the |your |our |everyone'?s |people'?s )?(?:calendars?|diar(?:y|ies))",
        r"(?:just )?to (?:block|hold|reserve|save|grab|book|lock in|pencil in) (?:the |this |a |some |our )?(?:time|slot|date|spot|day)",
        r"pencil(?:l?ed|ling)? in(?: for now)?",
        r"for now",
        r"(?:still )?being (?:worked out|finali[sz]ed|confirmed|prepared|put together|defined)",
        r"(?:ainda )?(?:vamos|vou|iremos) definir (?:a pauta|os detalhes|a agenda|o conteúdo)",
        r"(?:todavía )?(?:vamos a|voy a) definir (?:la agenda|los detalles|el contenido|los temas)",
        "具体事项",
        "具體事項",
        "回头再说",
        "回頭再說",
        "再说",
        "再說",
        "先约个时间",
        "约个时间",
        "約個時間",
        r"(?:details|agenda|info|information|content|topics|materials|specifics) (?:follows?|will follow|to come|coming(?: your way)?(?: shortly| soon)?|will come(?: later| separately| in a separate (?:email|mail|message|invite))?)",
        r"(?:we'?ll|i'?ll|will) figure (?:out )?(?:the )?(?:agenda|details|specifics|content|topics)(?: out)?(?: later| soon)?",
        r"nothing planned(?: yet)?",
        r"(?:le )?programme (?:sera|est) (?:communiqué|envoyé|précisé|partagé)(?: plus tard| ultérieurement| bientôt| prochainement)?",
        r"en su momento",
        "お伝えいたします",
        "お伝えします",
        "お伝え",
        "当日",
        "发给大家",
        "發給大家",
        "发给",
        "發給",
        r"pour l'instant",
        r"(?:details|agenda|info|topics|content|materials) to come",
        r"keeping (?:the )?(?:time|slot|date|day) (?:free|open|clear)",
        r"(?:ich )?(?:sage|sag) (?:euch |ihnen )?(?:noch(?: bescheid)?|bescheid)(?:,? worum es geht)?",
        r"worum es geht",
        "ส่งให้ก่อน",
        r"(?:ik laat|we laten|laat ik|laten we) (?:jullie |je |u )?(?:nog )?weten(?: wat we (?:gaan )?bespreken)?",
        r"så länge",
        "とりあえず",
        "何を話すか",
        "お知らせいたします",
        "お知らせします",
        "お知らせ",
        r"(?:i'?ll|we'?ll|will) (?:drop|pop|put|paste|post|add) (?:the )?(?:details|agenda|info|notes|specifics)(?: (?:in )?(?:here|below))?(?: later| soon| shortly| closer to the (?:date|time))?",
        r"(?:details|agenda|info|topics) tk",
        r"noch (?:rum|herum)",
        "先把时间定下来",
        "先把時間定下來",
        "(?:之后|之後|稍后|稍後|以后|以後|回头|回頭)?再(?:定|确定|確定|通知|发|發|同步)",
        r"(?:saving|grabbing|holding|blocking|booking|reserving|locking in|pencil?ling in) (?:the |this |a |some |your |our )?(?:time|slot|date|spot|day)(?: (?:on|in) (?:the |your |our |everyone'?s )?(?:calendars?|diar(?:y|ies)))?",
        r"(?:ich )?melde (?:ich )?mich(?: noch)?(?: (?:mit|wegen) (?:den )?(?:details|infos|inhalten|einzelheiten))?",
        r"option pos[ée]e?s?",
        r"de momento",
        r"più avanti",
        "ご案内いたします",
        "ご案内致します",
        "ご案内します",
        "ご案内",
        "详细",
        "发出",
        "發出",
        // Held for now, in the other languages.
        r"en attendant",
        r"por (?:ahora|el momento|enquanto|agora)",
        r"per (?:ora|il momento)",
        r"voor (?:nu|het moment)",
        r"för (?:tillfället|stunden|nu)",
        r"na razie",
        r"пока что",
        r"на (?:даний момент|данный момент)",
        r"indtil videre",
        r"inntil videre",
        r"για την ώρα",
        r"untuk sementara(?: waktu)?",
        "ไว้ชั่วคราว",
        r"termin (?:ist )?(?:vorerst |vorläufig )?(?:geblockt|reserviert|vorgemerkt|eingetragen|blockiert)",
        r"(?:詳細|内容|議題|アジェンダ|資料)(?:は|について)?(?:後日|追って|改めて|別途|後ほど)(?:ご)?(?:連絡|共有|送付|お知らせ|お送り)(?:いたします|致します|します|させていただきます)?",
        r"(?:確定|決定|決まり)次第",
        r"(?:お)?時間(?:を)?(?:仮で|仮に)?(?:確保|押さえ)(?:のため|ておりま[すし]|ています|させていただきました|しました)?",
        r"仮で",
        r"(?:另行|另外)(?:通知|告知)",
        r"待(?:确认|確認|补充|補充|更新|通知|定)",
        r"(?:稍后|稍後|随后|隨後|后续|後續)(?:补上|補上|同步|再发|再發)",
        r"(?:确定|確定|决定|決定)(?:后|後)(?:通知|告知|发送|發送|同步)",
        r"(?:확정|결정)(?:되는 대로|되면|후)",
        // Save the date, where the word for a date is a topic in another language ("data").
        r"(?:reserve|reservem|guarde|guardem|bloqueie|bloqueiem) (?:a|esta) data",
        r"segna(?:ti|tevi|te|re) (?:la|questa) data",
        r"(?:salva|salvate|tieni|tenete) libera (?:la|questa) data",
        r"rezervați(?:-vă)? (?:data|ziua)",
        r"(?:reserva|reservad|reserven|guarda|guardad|bloquea|bloquead) (?:la|esta) fecha",
        // The same in Japanese, Chinese and Thai, as words (matched inside a run of text):
        // details, later, to be confirmed, sent or added, held for now. A Thai phrase must
        // not end in a vowel or tone mark: the match is trimmed to letters, and the mark
        // left behind would count as a word of substance.
        "เบื้องต้น",
        "อีกครั้ง",
        "ชั่วคราว",
        "ให้ทราบ",
        "เนื้อหา",
        "จองเวลา",
        "ไว้ก่อน",
        "ทีหลัง",
        "ยืนยัน",
        "ยังไม่ชัดเจน",
        "ยังไม่แน่นอน",
        "หัวข้อ",
        "決まり次第",
        "先占个时间",
        "先占個時間",
        "確定次第",
        "取り急ぎ",
        "另行通知",
        "占个时间",
        "占個時間",
        "วาระ",
        "追って",
        "改めて",
        "ご連絡",
        "お送り",
        "仮置き",
        "押さえ",
        "待确认",
        "待確認",
        "待补充",
        "待補充",
        "จอง",
        "後日",
        "別途",
        "次第",
        "連絡",
        "送付",
        "暫定",
        "另行",
        "通知",
        "告知",
        "待定",
        "稍后",
        "稍後",
        "随后",
        "隨後",
        "后续",
        "後續",
        "之后",
        "之後",
        "补上",
        "補上",
        "补充",
        "補充",
        "发送",
        "發送",
        "详情",
        "詳情",
        "细节",
        "細節",
        "具體",
        "暂定",
        "暫定",
        "先占个位",
        "先占個位",
        "仮",
    ];
    phrases_regex(&phrases)
});

/// One regex for a list of phrases: phrases of spaced scripts must stand between word
/// boundaries, phrases of unspaced scripts (Japanese, Chinese, Korean) need none. A phrase's
/// script is that of its first letter, so that one opening with a group of alternatives
/// (`(?:確定|決定)次第`) is matched inside a run of text like one opening with a character.
fn phrases_regex(phrases: &[&str]) -> Regex {
    let unspaced = |p: &&str| {
        p.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(super::text::unspaced)
    };
    let spaced: Vec<&str> = phrases.iter().copied().filter(|p| !unspaced(p)).collect();
    let cjk: Vec<&str> = phrases.iter().copied().filter(unspaced).collect();
    Regex::new(&format!(
        r"(?i)(?:^|[^\p{{L}}\p{{N}}])(?:{})(?:$|[^\p{{L}}\p{{N}}])|{}",
        spaced.join("|"),
        cjk.join("|")
    ))
    .expect("valid regex")
}

/// The placeholder phrases in `lower` (a lower-cased line): their byte ranges.
pub(super) fn placeholder_phrases(lower: &str) -> impl Iterator<Item = std::ops::Range<usize>> {
    phrase_ranges(&PLACEHOLDER_PHRASE, lower)
}

/// The phrases of a [`phrases_regex`] in `text`, without the characters around them that
/// part them from other words. The search goes on from the end of the phrase itself, not of
/// the match, so that two phrases one space apart are both found ("parking is in the
/// visitor lot behind building C").
fn phrase_ranges<'a>(
    regex: &'a Regex,
    text: &'a str,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    let mut at = 0;
    std::iter::from_fn(move || {
        let m = regex.find_at(text, at)?;
        let s = m.as_str();
        let start = m.start() + (s.len() - s.trim_start_matches(not_word).len());
        let end = (m.end() - (s.len() - s.trim_end_matches(not_word).len())).max(start);
        // Past the phrase, and always forward (an empty match steps over one character).
        at = if end > at {
            end
        } else if m.end() > at {
            m.end()
        } else {
            at + text[at..].chars().next().map_or(1, char::len_utf8)
        };
        if at > text.len() {
            return None;
        }
        Some(start..end)
    })
}

fn not_word(c: char) -> bool {
    !c.is_alphanumeric()
}

/// Small talk and closings that are more than one word, removed before the words are looked
/// at ("see you there", "sent from my iPhone", "よろしくお願いします").
static FILLER_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let phrases = [
        // Moving it again, with the apology around it ("I have to move this again", "je dois
        // décaler encore une fois").
        r"(?:i |we )?(?:have|need) to (?:move|push|shift|reschedule) (?:this|it|the meeting)(?: (?:again|once more))?",
        r"(?:je |on |nous )?(?:dois|doit|devons) (?:décaler|déplacer|reporter)(?: (?:encore )?une (?:nouvelle )?fois| à nouveau| encore)?",
        // Pleasantries on meeting, talking again and the time taken, in more languages
        // ("Leuk om elkaar weer eens te spreken!", "很高兴认识您！", "시간 내주셔서
        // 감사합니다"); a topic after them is judged ("Thanks for making time for the
        // pricing review").
        r"(?:thanks|thank you)(?: so much| a lot)? for (?:making|taking|finding) (?:the )?time",
        r"(?:i )?really appreciate it",
        r"leuk om elkaar (?:weer )?(?:eens )?te (?:spreken|zien)",
        r"fijn dat we (?:een )?tijd (?:hebben )?gevonden",
        r"quina alegria tornar a parlar",
        r"(?:радий|рада|раді) (?:знову )?(?:вас |тебе )?(?:чути|бачити)",
        r"(?:рад|рада|рады) (?:снова )?(?:вас |тебя )?(?:слышать|видеть)",
        r"roligt att vi hittade en tid",
        r"(?:godt|fint|dejligt|kjekt) at vi (?:fandt|fant) (?:en )?tid",
        r"sper că ați avut un început de an bun",
        r"kiitos ajasta",
        r"(?:mukava|kiva) (?:kuulla|nähdä) taas",
        r"ขอบคุณที่สละเวลา(?:ค่ะ|ครับ|นะคะ|นะครับ)?",
        "시간 내주셔서 감사합니다",
        "很高兴认识您",
        "很高兴认识你",
        "很高興認識您",
        "感谢您抽出时间",
        "يسعدني التواصل معك",
        r"(?:schön|toll), dass es (?:so kurzfristig )?geklappt hat",
        r"(?:ravie?|heureux|heureuse) de (?:vous|te) (?:revoir|reparler|retrouver)",
        r"è un piacere risentirci",
        r"miło (?:znów |znowu )?(?:cię|pana|panią|państwa) (?:usłyszeć|zobaczyć)",
        r"örülök, hogy (?:újra |végre )?(?:beszélünk|találkozunk)",
        "שמח שסוף סוף מצאנו זמן",
        "שמחה שסוף סוף מצאנו זמן",
        r"rất vui được trao đổi với (?:anh|chị|anh chị|bạn|quý vị)",
        r"ευχαριστώ (?:πολύ )?για την άμεση απάντηση",
        // Thanks, see-you and apologies in more wordings and languages ("Takk for sist",
        // "Tak for i dag og god weekend", "na slyšenou", "ne auzim", "잘 부탁드립니다").
        r"(?:takk|tak|tack) for (?:sist|sidst|senast|i dag|idag)",
        r"tack för (?:senast|idag|i dag)",
        r"(?:god|rigtig god|trevlig|goed|fijn) (?:weekend|helg|dag|aften|kväll)",
        r"(?:mukavaa|hyvää) (?:päivänjatkoa|viikonloppua|päivää|jatkoa)",
        r"na slyšenou",
        r"ne auzim(?: curând)?",
        r"(?:terima kasih|cảm ơn) (?:banyak|nhiều)",
        r"(?:muchas )?gracias por (?:tu|su|vuestro) tiempo",
        r"(?:thanks?(?: you)?|appreciate (?:you|it)) (?:for )?(?:taking|making|finding) the time",
        r"thanks? (?:you )?for your (?:patience|understanding|flexibility|time)",
        r"(?:sorry|apologies) for the (?:short|late|last[- ]minute) (?:notice|change|changes)",
        r"(?:den |det )?(?:sene|sena|sen|korte|kurzfristige) (?:ændring|ændringer|endring|ändring|änderung|varsel)",
        r"running (?:a (?:bit|few minutes) |\d+ ?min(?:utes|s)? )?late",
        r"mukavaa",
        // Scheduling talk: let me know if the time does not suit.
        r"gi (?:meg )?(?:lyd|beskjed)",
        r"qualquer coisa(?: me)? (?:chama|avisa|fala)(?: no (?:whats|whatsapp|zap))?",
        // Reschedule notes that only say when ("cambio de hora", "samaan aikaan").
        r"(?:cambio|cambiamento) (?:de|di) (?:hora|horario|orario|sala|fecha|data|día)",
        r"zmiana (?:godziny|terminu|sali|dnia)",
        r"change of (?:time|date|room|venue)",
        r"public holiday|bank holiday",
        // Logistics that say only where and how ("Cameras on please", "Graag camera aan",
        // "bring your laptop and charger", "Parking is in the visitor lot").
        r"(?:keep |have )?(?:your )?cameras? on",
        r"(?:graag )?camera(?:'s)? aan",
        r"kamera(?:n|s)? (?:an|på|päälle|włączone|zapnuté)",
        r"caméras? allumées?|cámaras? encendidas?|câmeras? ligadas",
        r"bring (?:your |a )?(?:own )?(?:laptops?|notebooks?|chargers?)(?: and (?:a |your )?(?:laptops?|chargers?|headphones|headsets?))?",
        r"parking (?:is|will be) (?:available )?(?:in|at|on|behind|under|next to)(?: the)?(?: visitors?'?| guest)?(?: (?:lot|garage|car park|area))?",
        r"(?:visitors?'?|guest) (?:lot|parking|car park)",
        r"(?:behind|next to|in|at|opposite) (?:the )?(?:building|bldg|block|tower|wing) [a-z0-9]{1,3}",
        r"(?:the )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|ground|top|\d{1,2}(?:st|nd|rd|th)) floor",
        r"next to the (?:kitchen|elevators?|lifts?|reception|lobby|cafeteria|canteen|stairs)",
        r"(?:badge|sign|check) in at (?:the )?(?:front desk|reception|security|lobby)",
        r"front desk|reception desk",
        r"i'?ll come (?:down|out|up) to (?:get|meet|fetch|collect|pick up) you",
        r"(?:room|location|venue) (?:changed|moved) to",
        r"(?:big|main|small|large|usual) (?:conference|meeting) room",
        r"overflow (?:on|via|in) (?:teams|zoom|meet|webex)",
        r"for (?:anyone|those|people) joining (?:remotely|from home|online)",
        r"por si alguien se conecta(?: desde casa| en remoto)?",
        r"os dejo el enlace",
        r"time to reconnect",
        r"szybka rozmowa",
        r"gyors egyeztetés",
        r"kurzer call,? nix großes",
        r"kahvittelua",
        r"बस ऐसे ही गपशप",
        r"जल्दी से बात करते हैं",
        r"(?:figured )?we were overdue for a catch-?up",
        r"quick call",
        r"milte hain",
        r"जल्दी बात करते हैं",
        r"rövid egyeztetés",
        r"간단 미팅",
        r"kort overleg",
        r"see you(?: all| guys| everyone)?(?: there| then| soon| tomorrow| next week| later| on \w+)?",
        r"talk (?:to you )?(?:soon|later|then)",
        r"speak (?:soon|later|then)",
        r"(?:we |i )?look forward to (?:seeing|meeting|speaking with|talking to|welcoming) you(?: all)?",
        r"looking forward(?: to(?: it| this| seeing you| chatting| talking| meeting you| catching up| speaking| connecting| our chat| the call| the chat)?(?: with (?:you|everyone|you all|all of you))?)?",
        r"have a (?:great|good|nice|lovely|wonderful) (?:day|week|weekend|one|evening)",
        r"(?:just )?the (?:two|three|four) of us",
        r"на зв'язку|на зв’язку|на связи|до связи",
        r"díky moc|zatím ahoj",
        r"pour l'instant|pour le moment|por ahora|por enquanto|per ora|for now",
        r"até (?:lá|logo|já|mais|breve)",
        r"(?:colocar|pôr|botar) (?:o papo|a conversa) em dia",
        r"προς το παρόν",
        // Small talk, greetings and sign-offs the first lists lacked.
        r"so (?:it|that it) (?:doesn't|does not|won't) (?:disappear|get lost|get buried)(?: under everything else)?",
        r"long overdue",
        r"nothing formal",
        r"(?:just )?(?:drop|pop|swing|come) (?:in|by)(?: whenever| anytime| any time| if you can)?",
        r"join if you (?:can|like|want)",
        r"o zi (?:bună|buna|frumoasă|frumoasa|excelentă)(?: tuturor)?",
        r"chào cả nhà",
        r"cả nhà",
        r"kolay gelsin",
        r"görüşmek üzere",
        r"(?:que )?hace (?:mucho|tiempo|siglos)(?: tiempo)?",
        r"un rato",
        r"(?:histoire de |pour )?prendre des nouvelles",
        r"إن شاء الله",
        r"أهلا وسهلا|أهلاً وسهلاً|اهلا وسهلا",
        r"שבוע טוב|יום טוב|ערב טוב|בוקר טוב",
        // A forward's or an update's note that says only that ("FYI – see below", "Passing
        // this on", "Rescheduled due to a conflict", "Nothing else changed").
        r"fyi(?: [–-] see below)?",
        r"see below",
        r"passing this on",
        r"leite ich (?:dir|euch|ihnen) (?:das )?weiter",
        r"para (?:tu|su|vuestra) información",
        r"tiedoksi",
        r"na vědomí",
        r"feel free to forward(?: this)? to anyone (?:i|we) missed",
        r"rescheduled(?: due to a conflict)?",
        r"thanks for your flexibility",
        r"(?:updated|updating) the (?:series|invite|invitation)(?: with the new (?:room|time|link|location))?",
        r"new time from next week",
        r"nothing else (?:has )?changed",
        r"sonst bleibt alles gleich",
        r"serie verschoben auf \d{1,2}[:.]\d{2}(?: uhr)?",
        r"thanks so much for making the time",
        r"moltes gràcies",
        r"hvala(?: vam| ti)?",
        r"お疲れさまです",
        r"til orientering|för kännedom|til info|for your information|for visibility|zur kenntnis|zur info|pour info|pour information|per conoscenza|ter info|ter informatie|do wiadomości|для информации|к сведению",
        // Pleasantries of a first meeting and of a forward ("Great to e-meet you", "See you at
        // the show!").
        r"(?:great|nice|lovely|good) to (?:e-?)?meet you(?: (?:both|all))?",
        r"(?:great|nice|good) (?:speaking|talking|chatting) (?:earlier|today|yesterday|just now)",
        r"see you at the (?:show|fair|event|expo|conference|booth)",
        r"welcome aboard",
        r"talk soon",
        r"touching base(?: as promised)?",
        r"as promised",
        // "See subject" and "forwarding this" in the languages' own words ("Vedi oggetto",
        // "Se emnefeltet", "Βλ. θέμα", "Przesyłam dalej", "Leite ich Ihnen weiter").
        r"(?:see|vedi|siehe|voir|ver|vea|veja|zie|se|katso|zobacz|viz|lásd|vezi|bkz\.?|см\.?|див\.?|βλ\.?|lihat|xem) (?:the )?(?:subject(?: line)?|oggetto|betreff|objet|asunto|assunto|onderwerp|emnefeltet|emne|emnet|ämne|ämnesraden|aihe|aiheesta|temat|předmět|tárgy|subiect|konu|тему|тема|тему листа|θέμα|subjek|tiêu đề)",
        r"(?:przesyłam dalej|пересылаю|пересилаю|leite ich (?:ihnen|dir) weiter|ich leite (?:ihnen|dir) (?:das|den termin|die einladung) weiter|je te transfère l'invitation|je vous transfère l'invitation|redirecționez invitația|segue o convite|sender videre|videresender|vidarebefordrar|välitän eteenpäin|ter info doorgestuurd|doorgestuurd ter info|chuyển tiếp để anh chị nắm|chuyển tiếp để bạn nắm|forwarding (?:this )?(?:as discussed|for visibility|for your information|fyi)|sending you the invite below|ご参考までに転送いたします|転送いたします|共有します|जानकारी के लिए|tiedoksi|bilginize)",
        r"med vänlig hälsning",
        r"gleder meg|glæder mig|ser frem til(?: det)?|ser fram emot(?: det)?",
        r"um pouco",
        r"sent from my \w+",
        r"get outlook for \w+",
        // The mobile apps' line in every language: Outlook (or Outlook's name for it) and
        // the platform it runs on.
        // With its verb in the languages focusd knows ("Hämta Outlook för iOS", "iOS용
        // Outlook 다운로드", "获取 Android 版 Outlook").
        r"(?:(?:get|download|hämta|ladda ner|pobierz(?: aplikację)?|scarica|obter(?: o)?|baixe(?: o)?|descargar|descarga|télécharger|obtenir|herunterladen|获取|獲取|取得|下载|下載) )?(?:\boutlook\b.{0,30}\b(?:ios|android)|\b(?:ios|android)(?:용)?\b.{0,12}\boutlook)\b(?: (?:downloaden|herunterladen|다운로드|下载|下載))?",
        r"skickat från min \w+",
        r"wysłane z (?:mojego )?\w+",
        r"verzonden (?:vanaf|met) mijn \w+",
        r"inviato (?:dal mio|da) \w+",
        r"med vänliga hälsningar",
        r"vänliga hälsningar",
        r"z poważaniem",
        r"pozdrawiam(?: serdecznie)?",
        r"此致\s*敬礼",
        r"敬祝\s*商祺",
        r"please consider the environment before printing(?: this e-?mail)?",
        r"feel free to (?:forward|join|invite|share|add|bring)(?: (?:others|anyone|people|this|it|colleagues))?",
        // Zoom's personal room with its owner before a dash ("Tom Okafor – Personal Meeting
        // Room", "李娜 – Personal Meeting Room").
        r"(?:(?-i:\p{Lu})[\p{L}.'’-]*\s|\p{Han}{1,4}\s?){1,3}[-–—]\s(?:personal meeting room|personal room)",
        r"personal meeting room",
        // Booking tools' confirmations and their change prompts.
        r"(?:your|the) (?:booking|appointment|reservation|meeting) (?:is|has been|was) (?:confirmed|booked|scheduled)",
        r"(?:uw|je|jouw) (?:afspraak|boeking|reservering) is bevestigd",
        r"ihre? (?:buchung|termin|reservierung) (?:ist|wurde) bestätigt",
        r"votre (?:rendez-vous|réservation) (?:est|a été) confirmée?",
        r"su (?:cita|reserva) (?:está|ha sido) confirmada",
        r"(?:seu|o seu) (?:agendamento|horário) (?:está|foi) confirmado",
        r"(?:la tua|la sua) prenotazione è (?:stata )?confermata",
        r"müssen sie änderungen vornehmen|absagen oder neu planen",
        r"besoin (?:d'apporter des modifications|de modifier|de faire des changements)(?: à cet événement)?|reprogrammer ou annuler",
        r"necesitas (?:hacer cambios|reprogramar|cambiar)(?: en este evento)?|reprogramar o cancelar",
        r"(?:reunión programada con|réunion planifiée avec|besprechung geplant mit)(?: chili piper)?",
        r"chili piper",
        r"tudo bem",
        r"สวัสดี(?:ครับ|ค่ะ|คะ)?(?:คุณ[\x{0E00}-\x{0E7F}]{1,15})?",
        r"ขอบคุณ(?:ครับ|ค่ะ|มาก)?",
        // An addressee with an honorific in Japanese, Chinese and Korean ("田中様",
        // "王经理您好", "김 팀장님").
        r"(?:^|\s)[\p{Han}\p{Katakana}]{1,4}(?:様|さま|さん|殿)(?:[、,。]|\s|$)",
        r"[\p{Han}]{0,4}(?:经理|經理|总|總|老师|老師|先生|女士|小姐|总监|總監|主管|同事们|同事們)?(?:您好|你好|大家好)[，,！!。]?",
        r"(?:^|\s)[\p{Hangul}]{1,3}\s?[\p{Hangul}]{0,4}님",
        // Apple Calendar's invitation.
        r"(?:\S+\s){0,3}(?:has|have) invited you to (?:\x22[^\x22]{0,80}\x22|“[^”]{0,80}”)",
        r"accept or decline this invitation(?: in calendar)?",
        r"calendly\.com\s?(?:提供|による提供)",
        r"détails de la réunion|detalles de la reunión|detalhes da reunião|dettagli della riunione|details zur besprechung|besprechungsdetails|meeting details|details of the meeting",
        // Tools' own sentences: BlueJeans' test link, Zoom's webinar invitation.
        r"want to test your (?:video|audio|video and audio) connection",
        r"(?:hi there,? )?(?:you are|you're) invited to (?:a|an|the) (?:zoom |teams |webex )?(?:webinar|meeting|online meeting)",
        r"до встречи",
        // Recording notices of meeting templates.
        r"(?:attention|note|notice|please note)?:? ?this (?:meeting|call|session) (?:may|will|might|is going to) be recorded(?: and transcribed)?",
        r"by joining(?: this (?:meeting|session|call))?,? you (?:automatically )?consent to (?:being recorded|such recordings|the recording|recording)",
        r"diese (?:besprechung|sitzung|konferenz|veranstaltung) (?:kann|wird) aufgezeichnet werden",
        r"cette (?:réunion|session) (?:peut être|sera) enregistrée",
        r"esta (?:reunión|sesión) (?:puede ser|será|podrá ser) grabada",
        r"esta (?:reunião|sessão) (?:pode ser|será) gravada",
        r"questa (?:riunione|sessione) (?:potrebbe essere|può essere|sarà) registrata",
        r"deze (?:vergadering|sessie) (?:kan worden|wordt) opgenomen",
        r"届时见",
        r"屆時見",
        r"到时见",
        r"到時見",
        r"回头见",
        r"(?:곧|그때|내일|다음에) 뵙겠습니다",
        r"뵙겠습니다",
        r"(?:그때|곧|내일) 뵐게요",
        r"뵐게요",
        r"bitte denken sie an die umwelt,? bevor sie diese e-?mail ausdrucken",
        r"pensez à l'environnement avant d'imprimer (?:ce message|cet e-?mail|ce courriel)",
        r"(?:por favor,? )?(?:considere|piense en) el medio ambiente antes de imprimir (?:este correo|este e-?mail|este mensaje)",
        r"antes de imprimir,? pense (?:em sua responsabilidade e compromisso com o|no) meio ambiente",
        r"rispetta l'ambiente:? stampa questa e-?mail solo se (?:davvero )?necessario",
        r"denk aan het milieu (?:voordat|voor) (?:je|u) deze e-?mail (?:print|afdrukt)",
        r"до зустрічі",
        r"görüşmek üzere",
        r"uvidíme se",
        r"(?:vi )?ses (?:då|snart|sen|imorgon|i morgon)",
        r"vi ses",
        r"nähdään",
        r"τα λέμε",
        r"hẹn gặp lại",
        r"sampai jumpa",
        r"találkozunk",
        r"ne vedem",
        r"נתראה",
        r"نراكم",
        r"मिलते हैं",
        // Zoom's and Webex's name for a personal room, with its owner in unspaced scripts
        // ("王伟的个人会议室", "山田 太郎のパーソナルミーティングルーム").
        r"(?:sala personal|salle de réunion personnelle|salle personnelle|persönlicher (?:meetingraum|besprechungsraum|raum)|sala (?:riunioni )?personale|persoonlijke (?:vergader)?ruimte|sala de reunião pessoal|sala pessoal|personal room)",
        r"(?:\p{Han}{1,4}\s?){1,2}的(?:个人会议室|個人會議室|视频会议|視訊會議|快速会议|快速會議)",
        r"(?:[\p{Han}\p{Katakana}]{1,6}\s?){1,2}の(?:パーソナルミーティングルーム|パーソナル会議室)",
        r"[\p{Hangul}]{2,4}\s?(?:님)?의 개인 회의실",
        r"thanks? (?:you )?(?:all|everyone|so much|in advance)",
        r"as (?:discussed|agreed|promised|mentioned)",
        r"per our (?:conversation|chat|call|discussion)",
        r"following up",
        r"catch(?:ing)? up",
        r"touch(?:ing)? base",
        r"check(?:ing)? in",
        r"sync(?:ing)? up",
        r"let'?s (?:chat|talk|sync|connect|catch up|meet|get together)",
        r"bring (?:your |any )?(?:topics|questions|ideas|updates|thoughts)",
        r"bis (?:dann|bald|morgen|später|gleich)",
        r"von meinem \w+ gesendet",
        r"à (?:bientôt|tout à l'heure|demain|plus tard|plus)",
        r"envoyé de mon \w+",
        r"hasta (?:luego|pronto|mañana)",
        r"nos vemos",
        r"enviado desde mi \w+",
        r"até (?:logo|breve|amanhã|já|mais)",
        r"enviado do meu \w+",
        r"a presto",
        r"do zobaczenia",
        r"nothing (?:in particular|specific|special|major|big|formal|fancy)",
        r"(?:i |we )?just want(?:ed)? to (?:chat|talk|connect|say hi|meet)",
        r"rien de (?:particulier|spécial)",
        r"nada en (?:particular|especial)",
        r"ni(?:ets|ks) (?:bijzonders|in het bijzonder)",
        r"nichts (?:besonderes|bestimmtes)",
        r"ponernos al día",
        r"adding you(?: to this(?: one)?)?",
        r"put(?:ting)? (?:some )?time in (?:the|your|our) (?:diary|diaries|calendar|calendars)",
        r"tot (?:straks|ziens|morgen)",
        r"よろしくお願い(?:します|いたします|致します|申し上げます)",
        r"宜しくお願い(?:します|いたします|致します)",
        r"お疲れ様(?:です|でした)",
        r"お世話になっております",
        r"ご確認(?:ください|お願いします)",
        // Small talk and closings in more wordings.
        r"stay tuned",
        r"que (?:te |les |os )?vaya bien",
        r"buon (?:weekend|fine settimana|lavoro)",
        r"program spotkania",
        r"программ[уа] встречи",
        r"udanego (?:weekendu|dnia|tygodnia)",
        r"хороших выходных",
        "좋은 주말 보내세요",
        "差し上げます",
        "頂戴します",
        "先に",
        "気楽に",
        "聊几句",
        "聊幾句",
        "周末愉快",
        "週末愉快",
        r"(?:en |à la )?fin (?:de (?:la )?)?(?:semaine|journée|mois|matinée)",
        r"belle (?:journée|soirée|semaine)(?: à (?:vous|tous|toi))?",
        r"hasta la próxima",
        r"até a próxima",
        r"sem pauta(?: definida)?",
        r"con calma",
        r"due parole",
        r"buona (?:giornata|serata|settimana)(?: a tutti)?",
        r"fijne? (?:dag|avond|middag|week|weekend)(?: verder| nog)?",
        r"trevlig (?:dag|helg|kväll)",
        r"na luzie",
        r"miłego (?:dnia|weekendu|wieczoru)",
        r"в свободном формате",
        "ということで",
        "祝大家工作顺利",
        "祝大家工作順利",
        "工作顺利",
        "工作順利",
        "祝大家",
        "随便",
        "隨便",
        "就是",
        r"que (?:tengan|tengas|tenga) (?:un )?(?:buen|lindo|bonito) (?:día|fin de semana)",
        r"(?:tenham|tenha) (?:um )?(?:bom|ótimo) (?:dia|fim de semana)",
        r"bonne (?:fin de )?(?:journée|soirée|semaine)",
        r"schöne[ns]? (?:tag|abend|feierabend|start|wochenende|woche)(?: noch)?(?: euch| ihnen| allen)?",
        r"kellemes (?:napot|hétvégét)",
        r"chủ đề",
        r"ci vediamo(?: lì| presto| dopo| domani)?",
        r"ha det (?:bra|gött|fint)",
        r"без повестки",
        r"хорошего (?:дня|вечера|выходных)",
        "좋은 하루 보내세요",
        "좋은 하루 되세요",
        "良い一日を",
        "良い週末を",
        r"hop on (?:a )?(?:quick )?(?:call|chat|zoom|meet|teams|video)",
        r"drop (?:in|by)",
        r"à (?:très )?vite",
        "させていただきます",
        "させて頂きます",
        "させてください",
        "轻松",
        "輕鬆",
        "和大家",
        "期待",
        "交流",
        r"إلى اللقاء",
        "สบายๆ",
        "สบาย ๆ",
        r"(?:grab|get|have) (?:a )?(?:quick )?(?:coffee|tea|lunch|drink|bite)",
        r"au plaisir(?: de vous (?:voir|retrouver|lire))?",
        r"(?:inget|inte något) (?:speciellt|särskilt)",
        "ざっくばらんに",
        "お話ししましょう",
        "話しましょう",
        "先预留一下时间",
        "先預留一下時間",
        "预留一下时间",
        "預留一下時間",
        r"(?:l'|le )?ordre du jour",
        r"(?:el )?orden del día",
        r"(?:l'|l’)?ordine del giorno",
        r"(?:a )?ordem do dia",
        r"porządek (?:obrad|spotkania)",
        r"порядок (?:денний|дня)",
        r"סדר (?:ה)?יום",
        r"thanks? (?:you )?(?:a lot|a bunch|a ton|a million|very much|again|for (?:your )?(?:time|help|joining|coming|attending))",
        r"many thanks",
        r"mil gracias",
        r"much appreciated",
        r"for (?:your )?(?:visibility|awareness|reference)",
        r"see ya",
        r"speak to you (?:soon|then|later)",
        r"hope (?:you'?re|you are|everyone'?s|everyone is|all is) (?:well|good|doing well)",
        r"zur (?:info|information|kenntnis)",
        r"freue mich(?: (?:auf|drauf|darauf))?",
        r"wir sehen uns",
        r"pour (?:info|information|rappel)",
        r"à titre d'information",
        r"para (?:tu|su|vuestro|vuestra|seu|sua|vosso) (?:conocimiento|conhecimento|información|informação)",
        r"de sempre",
        r"per (?:conoscenza|info|informazione)",
        r"tot (?:dan|zo|later)",
        r"vi (?:hörs|ses)",
        r"przy kawie",
        r"do (?:usłyszenia|jutra)",
        r"до (?:связи|завтра)",
        r"за кавою",
        r"kahve eşliğinde",
        r"kahvin ääressä",
        r"kahvin äärellä",
        r"(?:ευχαριστώ|ευχαριστούμε) πολύ",
        r"cà phê",
        r"trò chuyện",
        r"mọi người",
        r"תודה רבה",
        r"बातचीत",
        r"大家好",
        r"谢谢大家",
        r"謝謝大家",
        "回頭見",
        "再见",
        "再見",
        "届时",
        "屆時",
        // Greetings, thanks, small talk and verb endings in Japanese, Chinese and Thai.
        "ありがとうございます",
        "สวัสดีครับ",
        "สวัสดีค่ะ",
        "ขอบคุณมาก",
        "คุยเล่น",
        "กันครับ",
        "しております",
        "พูดคุย",
        "กันค่ะ",
        "しています",
        "こんにちは",
        "ประจำ",
        "おります",
        "顔合わせ",
        "念のため",
        "กาแฟ",
        "います",
        "お話し",
        "楽しみ",
        "大家好",
        "聊一聊",
        "喝咖啡",
        "供参考",
        "供參考",
        "คุยกัน",
        "近況",
        "気軽",
        "参考",
        "时间",
        "大家",
        "你好",
        "您好",
        "谢谢",
        "謝謝",
        "简单",
        "簡單",
        "咖啡",
        "例会",
        "例會",
        "周会",
        "週會",
        "转发",
        "轉發",
        "知悉",
    ];
    phrases_regex(&phrases)
});

/// The formulas' phrases (`agenda::formulas`), literals: one alternation without the word
/// boundaries of [`phrases_regex`], which would keep the regex engine from searching them
/// as literals; [`formula_phrases`] checks the boundaries.
static FORMULA_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let phrases: Vec<String> = super::formulas::FORMULAS
        .phrases
        .iter()
        .map(|p| regex::escape(p))
        .collect();
    Regex::new(&format!("(?i){}", phrases.join("|"))).expect("valid regex")
});

/// Byte ranges of the formulas' phrases in `text` that stand as whole words (anywhere in
/// scripts without spaces). A match whose neighbours are letters is skipped, with what it
/// overlaps: fewer phrases removed, never more.
fn formula_phrases(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    FORMULA_PHRASE.find_iter(text).filter_map(move |m| {
        let unspaced = m
            .as_str()
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(super::text::unspaced);
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        let apart = |c: Option<char>| c.is_none_or(not_word);
        (unspaced || apart(before) && apart(after)).then(|| m.range())
    })
}

/// Byte ranges of multi-word small talk in `lower`.
pub(super) fn filler_phrases(lower: &str) -> impl Iterator<Item = std::ops::Range<usize>> {
    phrase_ranges(&FILLER_PHRASE, lower).chain(formula_phrases(lower))
}

/// Words of unspaced scripts (Japanese, Chinese) that carry no agenda: meeting words, join
/// instructions, politeness, template headings; removed from a run of such text before what
/// is left is looked at.
static CJK_FILLER: LazyLock<Regex> = LazyLock::new(|| {
    let words = [
        // Thanks, holds, reschedules and rooms in Japanese and Chinese ("本日はありがとう
        // ございました", "木曜日に変更になりました", "会議室は5階です", "时间不变").
        "下午",
        "上午",
        "晚上",
        "本日は",
        "先日は",
        "ありがとうございました",
        "引き続き",
        "になりました",
        "変更",
        "今週から",
        "来週から",
        "月曜日",
        "火曜日",
        "水曜日",
        "木曜日",
        "金曜日",
        "階の",
        "階",
        "です",
        "请带上",
        "带上",
        "笔记本电脑",
        "会议室在",
        "楼东侧",
        "楼西侧",
        "楼",
        "本周",
        "下周",
        "改到",
        "改为",
        "周一",
        "周二",
        "周三",
        "周四",
        "周五",
        "时间不变",
        "不变",
        // Small talk in Japanese, Chinese and Thai.
        "沟通一下",
        "简单碰一下",
        "碰一下",
        "对一下",
        "對一下",
        "รอกำหนด",
        "占个位置",
        "占个位",
        "先卡位",
        "คุยสั้นๆ",
        "รอยืนยัน",
        "軽く",
        "雑談",
        "しましょう",
        "随便聊聊",
        "简单聊聊",
        "簡單聊聊",
        "聊聊",
        "คุยกัน",
        "สั้นๆ",
        "แล้ว",
        "เจอกัน",
        "นะ",
        // Holding the date and details later, in Thai, Japanese, Chinese and Korean.
        "โปรด",
        "เว้นวันไว้",
        "รายละเอียด",
        "แจ้ง",
        "ภายหลัง",
        "จะ",
        "日程確保",
        "のため",
        "詳細は後ほど",
        "後ほど",
        "です",
        "先占个位",
        "占个位",
        "占位",
        "预留时间",
        "預留時間",
        "预留",
        "預留",
        "확보용입니다",
        "先預留時間",
        "先预留时间",
        "확보용",
        // Thai: greetings, polite particles, thanks, meetings.
        "สวัสดี",
        "ครับ",
        "ค่ะ",
        "คะ",
        "ทุกคน",
        "ขอบคุณ",
        "ประชุม",
        "การประชุม",
        // Meetings and small talk.
        "定例会議",
        "定例",
        "打ち合わせ",
        "打合せ",
        "ミーティング",
        "会議",
        "雑談",
        "情報共有",
        "共有",
        "進捗確認",
        "確認",
        "週次",
        "月次",
        "日次",
        "定期",
        "面談",
        "懇親会",
        "ランチ",
        "お茶",
        "予定",
        "時間",
        "枠",
        "調整",
        "日程",
        "招待",
        "転送",
        "件",
        "会",
        "同步",
        "简单聊一下",
        "簡單聊一下",
        "聊一下",
        "聊聊",
        "沟通",
        "会谈",
        "回议",
        "미팅",
        "회의",
        // Join instructions.
        "参加する",
        "参加",
        "ダイヤル",
        "電話会議",
        "電話",
        "番号",
        "パスコード",
        "パスワード",
        "ワンタップ",
        "モバイル",
        "所在地",
        "市外局番",
        "調べる",
        "予約された",
        "予約",
        "ヘルプ",
        "オプション",
        "ダウンロード",
        "接続",
        "クリック",
        "こちら",
        "コンピューター",
        "コンピュータ",
        "アプリケーション",
        "アプリ",
        "デバイス",
        "ビデオ",
        "会議室",
        "入力",
        "ブラウザー",
        "方法",
        "参加者",
        "主催者",
        "開催者",
        "以下",
        "登録",
        "無料",
        "国際",
        "音声",
        "のみ",
        "設定",
        "リセット",
        "詳しく",
        "表示",
        "開く",
        "招待しています",
        "ルーム",
        "パーソナル",
        "会議用",
        "ここ",
        "加入",
        "会议",
        "拨号",
        "密码",
        "参会",
        "情報",
        // Politeness and closings.
        "よろしくお願いします",
        "よろしくお願いいたします",
        "宜しくお願いします",
        "お疲れ様です",
        "お世話になっております",
        "以上",
        "皆様",
        "皆さん",
        "各位",
        "様",
        "さん",
        // Details later, holding the time and small talk in Chinese.
        "先卡個位",
        "先卡个位",
        "卡個位",
        "卡个位",
        "之後再說",
        "之后再说",
        "時間先保留",
        "时间先保留",
        "先保留",
        "細節再通知",
        "细节再通知",
        "再通知",
        "辛苦了",
        "到時見",
        "到时见",
        "待確認",
        "待确认",
        "另行通知",
    ];
    // And the template headings.
    let mut words: Vec<&str> = words.iter().chain(CJK_HEADINGS).copied().collect();
    // Longest first, so that a longer word wins over its prefix.
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    Regex::new(&words.join("|")).expect("valid regex")
});

/// The template headings among [`CJK_FILLER`]'s words.
pub(super) const CJK_HEADINGS: &[&str] = &[
    "会议纪要",
    "會議紀要",
    "会议记录",
    "會議記錄",
    "待办事项",
    "待辦事項",
    "决定事项",
    "议程",
    "議程",
    "议题",
    "纪要",
    "紀要",
    "记录",
    "記錄",
    "备注",
    "備註",
    "目标",
    "目的",
    "議題",
    "アジェンダ",
    "議事録",
    "メモ",
    "決定事項",
    "次のステップ",
    "宿題",
    "背景",
    "内容",
    "概要",
    "目標",
    "トピック",
    "論点",
    "質問",
    "備考",
    "詳細",
];

static CJK_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let mut words = CJK_HEADINGS.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    Regex::new(&words.join("|")).expect("valid regex")
});

/// `text` without the template headings of unspaced scripts.
pub(super) fn strip_cjk_headings(text: &str) -> std::borrow::Cow<'_, str> {
    CJK_HEADING.replace_all(text, " ")
}

/// Join instructions in Chinese (simplified and traditional), Japanese (beyond
/// [`CJK_FILLER`]) and Korean: the words of Zoom's, Teams', Webex's, Meet's and Tencent
/// Meeting's blocks, matched as substrings. Like the spaced languages' join vocabulary they
/// only join a line to a block it touches: outside one, "手机号码" is a topic.
const CJK_JOIN_WORDS: &str = "
    加入 会议号 會議號 会议室 會議室 会议 會議 号码 號碼 密码 密碼 拨号 撥號 拨打 撥打 拨入 撥入
    呼入 一键 一鍵 手机 手機 行动装置 行動裝置 移动设备 移動裝置 行动 行動 移动 移動 设备 設備
    装置 裝置 位置 根据 根據 依 查找 寻找 尋找 本地 当地 當地 通过 透過 电话 電話 全球 视频 視頻
    视讯 視訊 系统 系統 应用程序 應用程式 应用 應用 程序 程式 点击 點擊 點選 单击 單擊 按一下 这里
    這裡 此处 此處 下载 下載 网页 網頁 了解 详细 詳細 信息 資訊 深入 进一步 進一步 瞭解 选项 選項
    重置 重设 重設 组织者 組織者 召集人 面向 参加者 參加者 出席者 仅限 僅限 访问码 訪問碼 存取碼
    识别码 識別碼 输入 輸入 需要 帮助 幫助 协助 協助 立即 预定 預定 已排程 排程 邀请 邀請 参加
    參加 入会 入會 链接 連結 添加 列表 复制 複製 打开 打開 即可 参与 參與 腾讯会议 騰訊會議 更多
    飞书 飛書 钉钉 釘釘 视频会议 視訊會議 华为云会议 華為雲會議
    使用 请勿 請勿 编辑 編輯 部分 修改 音频 音訊 计算机 計算機 电脑 電腦 取消 重新安排 管理 預約
    预约 收费 收費 免费 免費 可以 正在 您 的 或 以 从 從 在 上 也 并 並 仅 僅 该 該 此 最寄り 検索
    グローバル コールイン ダイヤルイン アクセス 入手 開始 備え システム 経由 タップ 機器 出席者
    可能 タブレット スマートフォン 平板 智能手机 智慧型手機 비밀번호 참가 참여 가입 접속 전화 번호
    암호 코드 회의실 회의 미팅 모임 모바일 장치 디바이스 컴퓨터 태블릿 스마트폰 애플리케이션 앱
    비디오 시스템 글로벌 다이얼 클릭 여기 누르 원탭 탭 위치 지역 찾기 사용자 옵션 재설정 다운로드
    웹 자세히 자세한 알아보기 정보 도움 필요 참석자 주최자 이끌이 입력 걸기 걸고 또는 통해 따라
    예약된 예약 초대 귀하 이벤트 변경 취소 일정 제공 섹션 수정 더보기 화상 액세스 지금 오디오 전용
    음성 링크 방법 다른 方式 시간
    เข้าร่วม ด้วย ทาง โทรศัพท์ หมายเลข เพิ่มเติม รหัส การประชุม ประชุม ลิงก์ คลิก ที่นี่ ผ่าน
";

/// Korean particles and verb endings, and Chinese function characters: what is left of a
/// join line once its words are removed (`참가하려면` → `하려면`).
const CJK_GRAMMAR_WORDS: &str = "
    으십시오 하십시오 십시오 하려면 으려면 려면 하세요 으세요 세요 합니다 입니다 습니다 니다
    하나요 나요 가요 하기 하고 하는 하면 해야 있 수 할 한 하 에서 에게 으로 부터 까지 이 가 을 를
    은 는 에 의 로 와 과 도 만 기 요 고 면 십 시 오 내 및 것 되면 되
";

/// Alternatives of `words` (whitespace-separated), longest first, so that a longer word
/// wins over its prefix.
fn alternation(words: &str) -> String {
    let mut words: Vec<&str> = words.split_whitespace().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.join("|")
}

static CJK_JOIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&alternation(CJK_JOIN_WORDS)).expect("valid regex"));

static CJK_GRAMMAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("^(?:{})+$", alternation(CJK_GRAMMAR_WORDS))).expect("valid regex")
});

/// How many known words of unspaced scripts `text` holds.
pub(super) fn count_cjk_filler(text: &str) -> usize {
    CJK_FILLER.find_iter(text).count()
}

/// `text` without the known words and the join instructions of unspaced scripts, and how many
/// there were.
pub(super) fn strip_cjk_join(text: &str) -> (String, usize) {
    let mut count = 0;
    let rest = CJK_JOIN.replace_all(text, |_: &regex::Captures<'_>| {
        count += 1;
        " "
    });
    let filler = count_cjk_filler(&rest);
    (strip_cjk_filler(&rest).0, count + filler)
}

/// Whether `fragment` is only Korean particles and endings or Chinese function characters.
pub(super) fn cjk_grammar(fragment: &str) -> bool {
    CJK_GRAMMAR.is_match(fragment)
}

/// Removes the known words of unspaced scripts from `text` and returns what is left, and
/// whether a heading word was among them.
pub(super) fn strip_cjk_filler(text: &str) -> (String, bool) {
    let mut heading = false;
    let out = CJK_FILLER.replace_all(text, |c: &regex::Captures<'_>| {
        heading |= CJK_HEADINGS.contains(&&c[0]);
        " "
    });
    (out.into_owned(), heading)
}

/// FNV-1a: the word lists are fixed and short words are looked up for every token, so a
/// cheap hash beats the default one (no untrusted key can grow a bucket: the map is never
/// written after it is built).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<V> = HashMap<&'static str, V, std::hash::BuildHasherDefault<Fnv>>;

static WORDS: LazyLock<FastMap<Flags>> = LazyLock::new(|| {
    let mut map = FastMap::default();
    for (list, flag) in [
        (STOP_WORDS, STOP),
        (GREETING_WORDS, GREETING),
        (CLOSING_WORDS, CLOSING),
        (SMALL_TALK_WORDS, SMALL_TALK),
        (FILLER_WORDS, FILLER),
        (TIME_WORDS, TIME),
        (PLACEHOLDER_WORDS, PLACEHOLDER),
        (HEADING_WORDS, HEADING),
        (CONFERENCING_WORDS, CONFERENCING),
        (BRAND_WORDS, BRAND),
        (ROLE_WORDS, ROLE),
    ] {
        for word in list.split_whitespace() {
            *map.entry(word).or_insert(0) |= flag;
        }
    }
    for word in [
        "discuss",
        "discussing",
        "talk",
        "talking",
        "besprechen",
        "discuter",
        "hablar",
    ] {
        *map.entry(word).or_insert(0) |= PURPOSE;
    }
    // The formulas' sign-offs and greetings of one word, where no list holds the word.
    let formulas = &*super::formulas::FORMULAS;
    for (words, flag) in [
        (&formulas.greeting_words, FORMULA_GREETING),
        (&formulas.closing_words, FORMULA_CLOSING),
    ] {
        for word in words {
            let flags = map.entry(word.as_str()).or_insert(flag);
            if *flags & FORMULA != 0 {
                *flags |= flag;
            }
        }
    }
    map
});

/// Whether `lower` is a preposition that, after a meeting word, names whose meeting it is
/// ("Meeting von Frank Schulz", "Sala personal de Carlos Vega", "meeting between Jane Doe
/// and John Smith", "call with Dana").
pub(super) fn is_owner_connector(lower: &str) -> bool {
    matches!(
        lower,
        "with"
            | "between"
            | "of"
            | "by"
            | "von"
            | "mit"
            | "zwischen"
            | "de"
            | "del"
            | "di"
            | "da"
            | "avec"
            | "par"
            | "entre"
            | "con"
            | "por"
            | "tra"
            | "fra"
            | "met"
            | "van"
            | "tussen"
            | "door"
            | "med"
            | "mellan"
            | "z"
            | "ze"
            | "między"
            | "s"
            | "с"
            | "ile"
    )
}

/// Whether `lower` is the word for a meeting that conferencing and booking tools name after
/// its owner or attendees ("Daniel Smith's Meeting", "Meeting von Frank Schulz", "30 Min
/// Meeting between Jane Doe and John Smith"). Deliberately not "follow-up", "intro" or
/// "session": "Follow-up of the Northwind Incident" names a topic.
pub(super) fn names_a_meeting(lower: &str) -> bool {
    matches!(
        lower,
        "meeting"
            | "meetings"
            | "call"
            | "chat"
            | "besprechung"
            | "réunion"
            | "reunión"
            | "reunião"
            | "riunione"
            | "vergadering"
            | "spotkanie"
            | "möte"
            | "møde"
            | "møte"
            | "kokous"
            | "schůzka"
            | "toplantı"
            | "toplantısı"
            | "встреча"
            | "конференция"
            | "конференцию"
            | "зустріч"
            | "συνάντηση"
            | "họp"
            | "rapat"
            | "megbeszélés"
            | "întâlnire"
            | "اجتماع"
            | "פגישה"
            | "मीटिंग"
    )
}

/// The flags of a lower-cased word; 0 for a word on no list (content).
pub(super) fn flags(lower: &str) -> Flags {
    let word = lower.trim_end_matches('.');
    WORDS
        .get(lower)
        .or_else(|| WORDS.get(word))
        .copied()
        .unwrap_or(0)
}

/// Labels of logistics lines whose value is not an agenda ("Location: Room 4", "When:
/// Tuesday", "Invitee: Jane Doe"), in lower case.
const LOGISTICS_LABELS: &[&str] = &[
    "location",
    "where",
    "when",
    "time",
    "date",
    "date/time",
    "date & time",
    "room",
    "place",
    "venue",
    "dial-in",
    "dial in",
    "phone",
    "organizer",
    "organiser",
    "host",
    "hosts",
    "attendees",
    "participants",
    "invitees",
    "invitee",
    "invitee email",
    "invitee time zone",
    "zeitzone des eingeladenen",
    "zeitzone des teilnehmers",
    "fuseau horaire de l'invité",
    "fuseau horaire de l’invité",
    "zona horaria del invitado",
    "fuso horário do convidado",
    "fuso orario dell'invitato",
    "tijdzone genodigde",
    "tijdzone van genodigde",
    "invitee phone number",
    "attendee",
    "attendee email",
    "guest",
    "date time",
    "date and time",
    "event date/time",
    "event date",
    "duration",
    "time zone",
    "timezone",
    "recurrence",
    "guests",
    "booked by",
    "zeit",
    "uhrzeit",
    "datum",
    "ort",
    "raum",
    "wann",
    "wo",
    "dauer",
    "teilnehmer",
    "teilnehmende",
    "organisator",
    "heure",
    "lieu",
    "salle",
    "quand",
    "où",
    "durée",
    "organisateur",
    "emplacement",
    "hora",
    "fecha",
    "lugar",
    "sala",
    "cuándo",
    "dónde",
    "duración",
    "participantes",
    "organizador",
    "ubicación",
    "horário",
    "quando",
    "onde",
    "duração",
    "ora",
    "luogo",
    "dove",
    "tijd",
    "locatie",
    "waar",
    "wanneer",
    "日時",
    "時間",
    "場所",
    "会議室",
    "参加者",
    "日程",
    "主催者",
    "開催者",
    "lokalizacja",
    "local",
    "plats",
    "위치",
    "地点",
    "地點",
    "staff member",
    "membre du personnel",
    "服务人员",
    "服務人員",
];

/// Booking tools' fields in more languages (Calendly, Cal.com, Microsoft Bookings, HubSpot,
/// Chili Piper): the event's name, who takes part, the staff member, the video link. Only in
/// a booking's notice, and only with a short value: elsewhere "Qui : l'équipe compta, pour
/// préparer la clôture" or "Meeting link: ... – kickoff for the Lisbon move" says what the
/// meeting is for.
const BOOKING_LABELS: &[&str] = &[
    "medewerker",
    "mitarbeiter",
    "mitarbeiterin",
    "employee",
    "anfitrión",
    "anfitrião",
    "hôte",
    "lien de la visioconférence",
    "enlace de la reunión",
    "link zur videokonferenz",
    "meeting link",
    "video link",
    "horaire",
    "heure de début",
];

/// Labels of the topic line of a copied Zoom invitation (followed by its time line), and of
/// Tencent Meeting's.
const TOPIC_LABELS: &[&str] = &[
    "topic",
    "thema",
    "sujet",
    "tema",
    "tópico",
    "argomento",
    "onderwerp",
    "ämne",
    "temat",
    "주제",
    "トピック",
    "主题",
    "主題",
    "会议主题",
    "會議主題",
    "тема",
    "konu",
    "téma",
    "emne",
    "aihe",
    "θέμα",
    "chủ đề",
    "topik",
    "subiect",
    "الموضوع",
    "נושא",
    "विषय",
    // The notes a booking form asks for: the answer decides.
    "notes from booking form",
    "additional notes",
    "additional information",
    "invitee notes",
    // What a booking is (Cal.com's "What:", Bookings' "Service:"): its value decides.
    "what",
    "was",
    "quoi",
    "qué",
    "wat",
    "vad",
    "service",
    "dienst",
    "servicio",
    "serviço",
    "servizio",
    "usługa",
    "tjänst",
    "サービス",
    "服务",
    "服務",
];

/// Labels of the time line of a copied Zoom invitation (and of Tencent Meeting's).
const TIME_LABELS: &[&str] = &[
    "time",
    "zeit",
    "uhrzeit",
    "heure",
    "hora",
    "horário",
    "ora",
    "tijd",
    "tid",
    "czas",
    "시간",
    "時間",
    "时间",
    "会议时间",
    "會議時間",
    "godzina",
    "время",
    "час",
    "saat",
    "čas",
    "tidspunkt",
    "aika",
    "ώρα",
    "thời gian",
    "waktu",
    "időpont",
    "الوقت",
    "זמן",
    "समय",
];

/// Whether `label` (lower case, trimmed) is the label of a Zoom time line.
pub(super) fn is_time_label(label: &str) -> bool {
    TIME_LABELS.contains(&label)
}

/// Job titles, the words a signature's title line is made of (`Payroll Specialist |
/// Woodgrove Bank`, `Executive Assistant to the CEO | Alpine Ski House`).
const JOB_TITLE_WORDS: &str = "
    assistant manager specialist executive organizer organiser coordinator director engineer
    officer lead consultant analyst administrator recruiter advisor adviser associate
    representative founder co-founder partner president vp ceo cfo cto coo cmo architect
    designer developer scientist accountant controller secretary receptionist teacher
    principal nurse librarian intern supervisor planner strategist producer editor attorney
    paralegal clerk treasurer chair chairperson maintainer technician ea pa leiter leiterin
    geschäftsführer geschäftsführerin referent referentin assistentin berater beraterin
    sachbearbeiter sachbearbeiterin responsable directeur directrice assistante conseiller
    conseillère gerente directora coordinador coordinadora asistente coordenador
    coordenadora diretor diretora direttore direttrice responsabile assistente projectleider
    adviseur medewerker chef ansvarig projektledare kierownik dyrektor asystentka менеджер
    директор руководитель специалист ассистент uzmanı uzman müdür müdürü menedzser
    projektmenedzser vezető manažer manažerka menadžer menadžerica suunnittelija päällikkö
    johtaja projektipäällikkö kierowniczka specjalista specjalistka vedoucí vedoucího
    ředitel ředitelka referentka менеджерка менеджер керівник керівниця фахівець фахівчиня
    директорка asistentka asistent koordinátor koordinátorka
";

static JOB_TITLES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| JOB_TITLE_WORDS.split_whitespace().collect());

/// Whether `word` (lower case) is a job title's word.
pub(super) fn is_job_title(word: &str) -> bool {
    JOB_TITLES.contains(word)
}

/// Whether `word` (lower case) is a job title's word of the lists or of any language's
/// formulas (`agenda::formulas`): only where a title stands with its employer after a
/// separator, since alone a short line of such words may be a topic ("Técnico de guardia").
pub(super) fn is_job_word(word: &str) -> bool {
    is_job_title(word) || super::formulas::FORMULAS.job_words.contains(word)
}

/// Whether `line` greets: a greeting's word, the lists' or a formula's, and no closing's
/// ("Hi all,", "Merhaba,", "Ahoj všetci,"; not "Thanks,", "Saygılar,", "Cheers!").
pub(super) fn greets(line: &str) -> bool {
    let all = line_flags(line);
    all.iter().any(|f| f & (GREETING | FORMULA_GREETING) != 0)
        && !all.iter().any(|f| f & (CLOSING | FORMULA_CLOSING) != 0)
}

/// Whether a word of `line` is on no list, or only a formula's ("Salam hangat", "Saygılar"):
/// a closing of such words starts no signature.
pub(super) fn unlisted_word(line: &str) -> bool {
    line_flags(line).iter().any(|f| f & !FORMULA == 0)
}

fn line_flags(line: &str) -> Vec<Flags> {
    line.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| flags(&w.to_lowercase()))
        .collect()
}

/// The logistics labels. Not the time labels: "Czas: 2 godziny na przegląd architektury"
/// states a purpose; a time line needs its clock time (`boilerplate::analyse`).
static LOGISTICS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| LOGISTICS_LABELS.iter().copied().collect());

/// The contact fields of a booking form (Chili Piper's `Name:` / `Email:` / `Company:`,
/// Bookings' `Customer:`): only a plain value says nothing ("Company: Raman Analytics (SSO
/// rollout)" says what the call is for).
const CONTACT_LABELS: &[&str] = &[
    "name",
    "full name",
    "your name",
    "email",
    "e-mail",
    "email address",
    "company",
    "company name",
    "customer",
    "client",
    "phone number",
    "mobile",
    "nom",
    "nombre",
    "nome",
    "naam",
    "namn",
    "imię i nazwisko",
    "entreprise",
    "société",
    "empresa",
    "azienda",
    "società",
    "firma",
    "bedrijf",
    "företag",
    "kunde",
    "kundin",
    "klant",
    "kund",
    "cliente",
    "klient",
];

/// Whether `label` (lower case) is one of [`CONTACT_LABELS`].
pub(super) fn is_contact_label(label: &str) -> bool {
    CONTACT_LABELS.contains(&label)
}

/// The fields that list who takes part in a booking (Cal.com's `Who:`): booking labels too.
const ATTENDEE_LABELS: &[&str] = &[
    "who",
    "wer",
    "qui",
    "quién",
    "quem",
    "chi",
    "vem",
    "kto",
    "누가",
    "hvem",
    "kuka",
    "kdo",
    "cine",
    "кто",
    "хто",
    "ποιος",
    "מי",
    "कौन",
    "siapa",
    "attendees",
    "participants",
    "invitees",
    "guests",
    "teilnehmer",
    "participantes",
    "deelnemers",
];

/// Labels that say nothing themselves, whose value decides (Cal.com's `When:` and `Where:` in
/// more languages, `Ne zaman:`, `언제:`): "Kiedy: po zamknięciu kwartału, premie działu" says
/// what the meeting is for, "Ne zaman: 16 Mart 2027 Salı 10:45 - 11:30" does not.
const VALUE_LABELS: &[&str] = &[
    "ne zaman",
    "nerede",
    "언제",
    "어디서",
    "när",
    "hvornår",
    "hvor",
    "når",
    "milloin",
    "missä",
    "kiedy",
    "gdzie",
    "kdy",
    "kde",
    "mikor",
    "hol",
    "când",
    "unde",
    "когда",
    "где",
    "коли",
    "де",
    "πότε",
    "πού",
    "متى",
    "أين",
    "מתי",
    "איפה",
    "कब",
    "कहाँ",
    "khi nào",
    "ở đâu",
    "kapan",
    "di mana",
];

/// Whether `label` (lower case) is one of [`VALUE_LABELS`].
pub(super) fn is_value_label(label: &str) -> bool {
    VALUE_LABELS.contains(&label)
}

/// Whether `label` (lower case) is one of [`BOOKING_LABELS`] or [`ATTENDEE_LABELS`].
pub(super) fn is_booking_label(label: &str) -> bool {
    BOOKING_LABELS.contains(&label) || ATTENDEE_LABELS.contains(&label)
}

/// Whether `label` (lower case) is one of [`ATTENDEE_LABELS`].
pub(super) fn is_attendee_label(label: &str) -> bool {
    ATTENDEE_LABELS.contains(&label)
}

/// Whether `label` (lower case, trimmed) names a logistics field; a typographic apostrophe
/// counts as a straight one (`fuseau horaire de l’invité`).
pub(super) fn is_logistics_label(label: &str) -> bool {
    if label.contains('’') {
        return LOGISTICS.contains(label.replace('’', "'").as_str());
    }
    LOGISTICS.contains(label)
}

/// Whether `label` (lower case, trimmed) is a Zoom topic label.
pub(super) fn is_topic_label(label: &str) -> bool {
    TOPIC_LABELS.contains(&label)
}

/// A booking's event type (Calendly's `Event Name:` in its languages): generic ("30 Minute
/// Meeting", "Discovery Call") or a service ("Advies: btw-aangifte en OSS-regeling").
const EVENT_TYPE_LABELS: &[&str] = &[
    "event name",
    "event type",
    "nom d'événement",
    "nom de l'événement",
    "nombre del evento",
    "nome do evento",
    "nome evento",
    "naam evenement",
    "nazwa wydarzenia",
    "ereignisname",
    "evenemangsnamn",
    "이벤트 이름",
    "活动名称",
    "活動名稱",
    "evenementnaam",
    "nome dell'evento",
    "イベント名",
    "veranstaltungsname",
    "nom de l'évènement",
    "nazwa spotkania",
    "název události",
    "tapahtuman nimi",
    "begivenhedsnavn",
    "arrangementsnavn",
    "etkinlik adı",
    "название события",
    "назва події",
];

/// Whether `label` (lower case) is one of [`EVENT_TYPE_LABELS`].
pub(super) fn is_event_type_label(label: &str) -> bool {
    if label.contains('’') {
        return EVENT_TYPE_LABELS.contains(&label.replace('’', "'").as_str());
    }
    EVENT_TYPE_LABELS.contains(&label)
}

/// Header fields of a forwarded message or appointment (Outlook, Gmail, Apple Mail).
const HEADER_LABELS: &[&str] = &[
    "from",
    "sent",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "when",
    "where",
    "location",
    "organizer",
    "required",
    "optional",
    "attendees",
    "importance",
    "reply-to",
    "von",
    "gesendet",
    "an",
    "betreff",
    "datum",
    "wann",
    "wo",
    "ort",
    "erforderlich",
    "de",
    "envoyé",
    "à",
    "a",
    "objet",
    "quand",
    "où",
    "emplacement",
    "obligatoire",
    "facultatif",
    "enviado",
    "enviado el",
    "para",
    "asunto",
    "fecha",
    "cuándo",
    "dónde",
    "ubicación",
    "enviada",
    "enviada em",
    "enviado em",
    "assunto",
    "data",
    "quando",
    "onde",
    "local",
    "da",
    "inviato",
    "oggetto",
    "dove",
    "van",
    "verzonden",
    "aan",
    "onderwerp",
    "wanneer",
    "waar",
    "差出人",
    "送信日時",
    "宛先",
    "件名",
    "日時",
    "場所",
    "发件人",
    "发送时间",
    "收件人",
    "主题",
    "보낸 사람",
    "받는 사람",
    "보낸 날짜",
    "제목",
    // Swedish, Polish, Danish, Norwegian, Finnish, Russian, Ukrainian, Turkish, Czech, Greek,
    // Hungarian, Romanian, Arabic, Hebrew, Hindi, Thai, Vietnamese, Indonesian, Korean and
    // Chinese (traditional) as their mail programs write them (their sender, subject and
    // date fields are in `FROM_LABELS` and `SUBJECT_LABELS`).
    "till",
    "kopia",
    "när",
    "var",
    "plats",
    "do",
    "dw",
    "kiedy",
    "gdzie",
    "miejsce",
    "til",
    "hvornår",
    "hvor",
    "placering",
    "når",
    "sted",
    "vastaanottaja",
    "kopio",
    "milloin",
    "missä",
    "sijainti",
    "кому",
    "копия",
    "когда",
    "где",
    "место",
    "копія",
    "коли",
    "де",
    "розташування",
    "kime",
    "alıcı",
    "bilgi",
    "ne zaman",
    "nerede",
    "konum",
    "komu",
    "kopie",
    "kdy",
    "kde",
    "umístění",
    "προς",
    "κοιν",
    "πότε",
    "πού",
    "τοποθεσία",
    "címzett",
    "másolatot kap",
    "időpont",
    "hely",
    "helyszín",
    "către",
    "când",
    "unde",
    "locație",
    "إلى",
    "نسخة",
    "متى",
    "أين",
    "الموقع",
    "אל",
    "עותק",
    "מתי",
    "היכן",
    "איפה",
    "מיקום",
    "प्रति",
    "कब",
    "कहाँ",
    "स्थान",
    "ถึง",
    "สำเนา",
    "เมื่อ",
    "tới",
    "đến",
    "khi nào",
    "ở đâu",
    "địa điểm",
    "kepada",
    "kapan",
    "di mana",
    "lokasi",
    "받는사람",
    "참조",
    "收件者",
    "副本",
    "地點",
    "抄送",
    "地点",
];

/// The sender fields among [`HEADER_LABELS`].
const FROM_LABELS: &[&str] = &[
    "from",
    "von",
    "de",
    "da",
    "van",
    "差出人",
    "发件人",
    "보낸 사람",
    "från",
    "od",
    "fra",
    "lähettäjä",
    "от",
    "від",
    "kimden",
    "gönderen",
    "από",
    "feladó",
    "de la",
    "من",
    "מאת",
    "प्रेषक",
    "จาก",
    "từ",
    "dari",
    "보낸사람",
    "寄件者",
    "送信者",
];

/// The subject and date fields among [`HEADER_LABELS`]: a header names one of them.
const SUBJECT_LABELS: &[&str] = &[
    "subject",
    "sent",
    "date",
    "betreff",
    "gesendet",
    "objet",
    "envoyé",
    "asunto",
    "enviado",
    "enviado el",
    "assunto",
    "enviada",
    "enviada em",
    "enviado em",
    "oggetto",
    "inviato",
    "onderwerp",
    "verzonden",
    "件名",
    "送信日時",
    "主题",
    "发送时间",
    "제목",
    "보낸 날짜",
    "skickat",
    "ämne",
    "wysłano",
    "temat",
    "sendt",
    "emne",
    "dato",
    "lähetetty",
    "aihe",
    "päivämäärä",
    "отправлено",
    "тема",
    "дата",
    "надіслано",
    "gönderildi",
    "konu",
    "tarih",
    "odesláno",
    "předmět",
    "στάλθηκε",
    "θέμα",
    "ημερομηνία",
    "elküldve",
    "tárgy",
    "dátum",
    "trimis",
    "subiect",
    "dată",
    "تاريخ الإرسال",
    "الموضوع",
    "التاريخ",
    "נשלח",
    "נושא",
    "תאריך",
    "भेजा गया",
    "विषय",
    "दिनांक",
    "ส่ง",
    "เรื่อง",
    "วันที่",
    "đã gửi",
    "chủ đề",
    "ngày",
    "dikirim",
    "subjek",
    "perihal",
    "tanggal",
    "날짜",
    "寄件日期",
    "主旨",
    "日期",
    "日付",
];

/// The fields that say when a mail was sent (`Sent:`, `Gesendet:`, `送信日時:`): Outlook's
/// header without its sender has one, a schedule written as fields does not.
const SENT_LABELS: &[&str] = &[
    "sent",
    "gesendet",
    "envoyé",
    "enviado",
    "enviado el",
    "enviada",
    "enviada em",
    "enviado em",
    "inviato",
    "verzonden",
    "送信日時",
    "发送时间",
    "보낸 날짜",
    "skickat",
    "wysłano",
    "sendt",
    "lähetetty",
    "отправлено",
    "надіслано",
    "gönderildi",
    "odesláno",
    "στάλθηκε",
    "elküldve",
    "trimis",
    "تاريخ الإرسال",
    "נשלח",
    "भेजा गया",
    "ส่ง",
    "đã gửi",
    "dikirim",
    "寄件日期",
];

/// Whether `label` (lower case, trimmed) is one of [`SENT_LABELS`].
pub(super) fn is_sent_label(label: &str) -> bool {
    SENT_LABELS.contains(&label)
}

/// What kind of header field `label` (lower case, trimmed) is: 0 none, 1 a field, 2 a sender
/// field, 3 a subject or date field.
pub(super) fn header_label(label: &str) -> u8 {
    HEADERS.get(label).copied().unwrap_or(0)
}

static HEADERS: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, u8> = HEADER_LABELS.iter().map(|l| (*l, 1)).collect();
    map.extend(SUBJECT_LABELS.iter().map(|l| (*l, 3)));
    map.extend(FROM_LABELS.iter().map(|l| (*l, 2)));
    map
});

/// Keyword groups of legal notices that mail gateways append: confidentiality, recipients,
/// what to do with a misdirected message, and the message itself ("this e-mail and any
/// attachments"), which a notice names and a meeting's own confidential purpose does not.
static LEGAL: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    let confidential = r"confidential|confidentiality|privileged|proprietary|vertraulich|rechtlich geschützt|confidentiel|confidentielle|confidentiels|confidentialité|confidencial|confidenciales|confidencialidad|confidenziale|riservat|vertrouwelijk|sigilo|sigiloso|konfidentiell|sekretess|poufn|prawnie chronion|機密|秘密|保密|机密|기밀|конфиденциальн|конфіденційн|gizli|důvěrn|fortrolig|konfidensiell|luottamuksellinen|εμπιστευτικ|bizalmas|confidențial|سري|سرية|سرّية|خاصة بالمرسل إليه|חסוי|סודי|חסויה|गोपनीय|bảo mật|rahasia|ความลับ|ลับเฉพาะ";
    let recipient = r"recipient|addressee|intended|solely for|exclusively for|uitsluitend bestemd|ausschließlich für|exclusivement|exclusivamente|esclusivamente|destinat[aeio]|wyłącznie dla|enbart avsedd|kun beregnet|kun ment|destinataire|destinataires|destinatario|destinatário|empfänger|adressat|adresat|geadresseerde|mottagare|odbiorc|mittente|indirizzat|宛先|受信者|送信者|誤って受信|收件人|收件者|수신인|수신자|адресат|получател|одержувач|alıcı|adresát|příjemce|modtager|mottaker|vastaanottaja|παραλήπτ|címzett|destinatar|المستلم|المرسل إليه|للمرسل إليه|المرسل إليهم|إبلاغ المرسل|إعلام المرسل|feladó|feladót|отправител|відправник|נמען|הנמען|לנמען|לשולח|השולח|प्राप्तकर्ता|người nhận|penerima|ผู้รับ";
    let action = r"delete|destroy|notify|informeren|retourneren|niet te gebruiken|vietat|copia non autorizzat|disclos|copying|distribut|prohibited|unauthori[sz]ed|strictly|löschen|vernichten|informieren sie|weitergabe|kopieren|supprimer|détruire|avertir|interdit|interdite|eliminar|elimínelo|destruir|prohibid|proibid|apagar|apague|copiar|divulg|avise|excluir|cancellare|cancellarl|distruggere|è vietat|diffusione non autorizzata|verwijderen|radera|meddela avsändaren|usunię|usuń|kopiowanie|rozpowszechniani|zabronion|削除|破棄|删除|刪除|禁止|复制|複製|삭제|금합니다|금지|удалите|уничтожьте|запрещен|видаліть|заборонен|silin|yasak|smažte|odstraňte|zakázán|slette|slett|forbudt|poista|kielletty|διαγράψ|απαγορεύ|töröl|tilos|ștergeți|interzis|حذف|يحظر|ممنوع|عن طريق الخطأ|بالخطأ|מחק|איסור|אסור|בטעות|received (?:it |this )?in error|irrtümlich|fälschlicherweise|par erreur|por error|por engano|per errore|abusievelijk|per vergissing|av misstag|ved en fejl|ved en feil|omyłkowo|przez pomyłkę|omylem|по ошибке|помилково|κατά λάθος|tévedésből|din greșeală|yanlışlıkla|erehdyksessä|secara tidak sengaja|गलती से|โดยไม่ได้ตั้งใจ|誤って|误收|錯收|잘못 수신|हटा|निषिद्ध|xóa|nghiêm cấm|hapus|dilarang|ลบ|ห้าม";
    let message = r"\bthis (?:e-?mail|message|communication|transmission)\b|\bany (?:files|attachments)\b|\b(?:diese[rs]?|dieser) (?:e-?mail|nachricht)\b|\bce (?:message|courriel|e-?mail)\b|\bcette (?:communication|transmission)\b|\beste (?:mensaje|correo|e-?mail)\b|\besta (?:mensagem|comunicação)\b|\bquesto messaggio\b|\bquesta (?:e-?mail|comunicazione)\b|\bdit (?:e-?mail)?bericht\b|\bdeze e-?mail\b|\bdetta (?:e-?postmeddelande|meddelande|mejl)\b|\b(?:ta|tej|niniejsza) wiadomoś|このメール|本メール|この電子メール|此邮件|本邮件|此郵件|本郵件|이 (?:메일|이메일)|\b(?:это|данное) (?:письмо|сообщение)|\bцей лист|\bbu (?:e-posta|ileti|mesaj)|\btento e-mail|\btato zpráva|\bdenne (?:e-mail|e-post|meddelelse|meldingen)|\btämä (?:sähköposti|viesti)|\bτο παρόν (?:μήνυμα|email)|\bαυτό το μήνυμα|\bemail này|\b(?:email|pesan) ini\b|\bez az (?:e-mail|üzenet)|\bacest (?:e-mail|mesaj)|هذه الرسالة|هذا البريد|הודעה זו|यह (?:ईमेल|संदेश)|อีเมลฉบับนี้|ไฟล์แนบ|\battachments\b|\banhänge\b|pièces jointes|\badjuntos\b|\banexos\b|\ballegati\b|\bbijlagen\b|\bbilagor\b|\bzałącznik|\bez az (?:üzenet|e-?mail)\b|\bэто сообщение\b|\bнастоящее сообщение\b|\bце повідомлення\b";
    [confidential, recipient, action, message]
        .map(|g| Regex::new(&format!("(?i){g}")).expect("valid regex"))
});

/// How many of the legal keyword groups (confidentiality, recipients, what to do) `text`
/// names.
pub(super) fn legal_groups(text: &str) -> usize {
    LEGAL[..3].iter().filter(|r| r.is_match(text)).count()
}

/// Whether `text` speaks of the message itself ("this e-mail", "any attachments").
pub(super) fn legal_message(text: &str) -> bool {
    LEGAL[3].is_match(text)
}

/// Whether `text` names the message's addressee as a notice does ("the intended
/// recipient", "the individual or entity to whom they are addressed", "de geadresseerde"),
/// not only whom a meeting is for ("intended for the leadership team").
pub(super) fn legal_addressee(text: &str) -> bool {
    static ADDRESSEE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)recipient|addressee|\baddressed\b|individual or entity|destinataire|destinatario|destinatário|empfänger|adressat|adresat|geadresseerde|mottagare|odbiorc|persone indicate|宛先|受信者|收件人|收件者|수신인|수신자|адресат|получател|одержувач|alıcı|adresát|příjemce|modtager|mottaker|vastaanottaja|παραλήπτ|címzett|destinatar|المستلم|المرسل إليه|للمرسل إليه|נמען|הנמען|לנמען|לשולח|השולח|प्राप्तकर्ता|người nhận|penerima|ผู้รับ")
            .expect("valid regex")
    });
    ADDRESSEE.is_match(text)
}

/// Whether `text` says what to do with a misdirected message (the third keyword group).
pub(super) fn legal_action(text: &str) -> bool {
    LEGAL[2].is_match(text)
}

/// Banners that mail gateways put above or below a message ("This email originated from
/// outside the organization", "You don't often get email from ...", virus scan notes).
static BANNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:consider|think of) the environment before printing|think before you print|denken sie an die umwelt|an die umwelt denken|pensez à l'environnement|avant d'imprimer|antes de imprimir|prima di stampare|denk aan het milieu|voordat u (?:deze|dit) (?:e-?mail|bericht) (?:print|afdrukt)|tänk på miljön|pomyśl o środowisku|印刷する前に|打印前|列印前|인쇄하기 전에|перед (?:печатью|тем как распечатать)|yazdırmadan önce|před tiskem|før du printer|før du skriver ut|ennen tulostamista|πριν εκτυπώσετε|trước khi in|sebelum mencetak|nyomtatás előtt|înainte de a (?:imprima|tipări)|قبل الطباعة|לפני ההדפסה|प्रिंट करने से पहले|originated (?:from )?outside (?:of )?(?:the|your|our) (?:organi[sz]ation|company)|do not click (?:on )?links|external (?:e-?mail|sender)|don'?t often get (?:e-?mail|messages) from|learn why this is important|vous ne recevez pas souvent de courrier|découvrez pourquoi ceci est important|erhalten nicht oft e-?mails? von|no recibe correo electrónico a menudo|você não recebe emails? com frequência|(?:scanned|checked) (?:for viruses|by (?:\w+ )?anti-?virus)|auf viren geprüft|virenfrei|(?:stammt|kommt) von (?:einem absender )?außerhalb|afkomstig van buiten|proviene dall'esterno|(?:se originó|proviene de|procede de) fuera de (?:la|su|nuestra) organización|provient de l'extérieur|(?:se originou|veio|é proveniente de) fora da (?:sua |nossa )?organização|pochodzi spoza organizacji|kommer från (?:en avsändare )?utanför organisationen|(?:came|comes) from outside (?:of )?(?:the|your|our) (?:organi[sz]ation|company)|zjqcmqryfpfptbanner(?:start|end)|đến từ bên ngoài tổ chức|d'un remitent extern|tuli organisaation ulkopuolelta|ole varovainen linkkien ja liitteiden kanssa|et saa usein sähköpostia osoitteesta|lue, miksi tämä on tärkeää|הגיעה מחוץ לארגון|harici gönderici|kurum dışından gönderilmiştir|adresinden sık sık e-posta almazsınız|bunun neden önemli olduğunu öğrenin|provine din afara organizației|社外から送信されました|kommer fra en ekstern afsender|külső feladótól érkezett|provient d'un expéditeur externe|อีเมลนี้มาจากภายนอกองค์กร|stammt von einem externen absender|vær forsiktig med lenker og vedlegg|komt van een externe afzender|pochází (?:z )?(?:mimo|vně) (?:organizac|společnost)|від зовнішнього відправника|от внешнего отправителя|из-за пределов (?:организации|компании)|berasal dari luar organisasi|προέρχεται από (?:εξωτερικ|εκτός)|من خارج المؤسسة|외부에서 발송된|来自组织外部|संगठन के बाहर से",
    )
    .expect("valid regex")
});

/// Whether `text` is a mail gateway's banner.
pub(super) fn is_banner(text: &str) -> bool {
    BANNER.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formulas_phrases_stand_as_whole_words() {
        fn found(text: &str) -> Vec<&str> {
            formula_phrases(text).map(|r| &text[r]).collect()
        }
        assert_eq!(
            found("Thanks for your time, Anna!"),
            ["Thanks for your time"]
        );
        assert_eq!(found("thanks for your timeline review"), Vec::<&str>::new());
        assert!(greets("Merhaba,"));
        assert!(!greets("Saygılar,"));
        assert!(unlisted_word("Salam hangat,"));
        assert!(!unlisted_word("Kind regards,"));
    }

    #[test]
    fn words_have_flags() {
        assert_ne!(flags("sync") & SMALL_TALK, 0);
        assert_ne!(flags("tbd") & PLACEHOLDER, 0);
        assert_ne!(flags("agenda") & HEADING, 0);
        assert_ne!(flags("passcode") & CONFERENCING, 0);
        assert_ne!(flags("zoom") & BRAND, 0);
        assert_eq!(flags("budget"), 0);
        assert_eq!(flags("migration"), 0);
        // Details later: the meta nouns are filler, never a topic next to small talk; the
        // verbs and adverbs of later are time words, which make no placeholder. Content,
        // materials and information are topics on their own ("Materials for the trade
        // fair", "Inhalte für den Newsletter"): only phrases take them.
        for word in [
            "details",
            "λεπτομέρειες",
            "agenda",
            "pauta",
            "temas",
            "sujets",
        ] {
            assert_ne!(flags(word) & FILLER, 0, "{word}");
        }
        for word in [
            "materials",
            "inhalte",
            "contenu",
            "informationen",
            "내용",
            "open",
        ] {
            assert_eq!(flags(word) & NON_CONTENT, 0, "{word}");
        }
        for word in [
            "later",
            "später",
            "prześlę",
            "upřesním",
            "pontosítom",
            "ενημερώσω",
        ] {
            assert_ne!(flags(word) & TIME, 0, "{word}");
            assert_eq!(flags(word) & (PLACEHOLDER | FILLER), 0, "{word}");
        }
        // Holding the time: filler, so that a heading word next to it stays a topic.
        for word in [
            "reserved",
            "vorläufige",
            "provisória",
            "wstępnie",
            "alustava",
        ] {
            assert_ne!(flags(word) & FILLER, 0, "{word}");
            assert_eq!(flags(word) & PLACEHOLDER, 0, "{word}");
        }
        // Words that carry a topic on their own in one of the languages stay off: the
        // Portuguese for a date is the English for data, "content" is a marketing topic.
        for word in [
            "data",
            "plan",
            "review",
            "launch",
            "release",
            "design",
            "hiring",
            "security",
            "calendar",
            "calendars",
            "logo",
            "dam",
            "course",
        ] {
            assert_eq!(flags(word) & NON_CONTENT, 0, "{word}");
        }
        assert_eq!(flags("content") & FILLER, 0);
    }

    #[test]
    fn decisions_are_found_in_many_languages() {
        for (text, cue) in [
            ("We need to decide the launch date", "decide"),
            ("Go/no-go for the launch", "Go/no-go"),
            ("Postgres vs MySQL", "vs"),
            ("Wir müssen das Budget freigeben", "freigeben"),
            ("Valider le budget", "Valider"),
            ("リリース可否の判断", "可否"),
        ] {
            assert_eq!(decision(text), Some(cue), "{text}");
        }
        assert_eq!(decision("Quick sync"), None);
        assert_eq!(decision("Preview of the design"), None);
    }

    #[test]
    fn placeholders_are_phrases() {
        let lower = "agenda to be decided, details to follow";
        let found: Vec<&str> = placeholder_phrases(lower).map(|r| &lower[r]).collect();
        assert_eq!(found, ["to be decided", "details to follow"]);
        for (lower, phrase) in [
            (
                "specifics to be confirmed in due course.",
                "to be confirmed in due course",
            ),
            (
                "just to get it on everyone's calendars",
                "just to get it on everyone's calendars",
            ),
            ("reserve a data.", "reserve a data"),
            ("temat do potwierdzenia", "do potwierdzenia"),
            // A phrase opening with a group matches inside a run of unspaced script.
            ("詳細は確定次第共有します", "確定次第"),
            ("具体内容另行通知", "具体内容另行通知"),
        ] {
            let found: Vec<&str> = placeholder_phrases(lower).map(|r| &lower[r]).collect();
            assert!(found.contains(&phrase), "{lower}: {found:?}");
        }
    }

    #[test]
    fn small_talk_is_phrases() {
        for (lower, phrase) in [
            ("thanks a lot!", "thanks a lot"),
            ("forwarding for visibility.", "forwarding for visibility"),
            (
                "looking forward to speaking with you.",
                "looking forward to speaking with you",
            ),
            ("届时见", "届时见"),
        ] {
            let found: Vec<&str> = filler_phrases(lower)
                .map(|r| lower[r].trim_matches(|c: char| !c.is_alphanumeric()))
                .collect();
            assert!(found.contains(&phrase), "{lower}: {found:?}");
        }
    }
}
