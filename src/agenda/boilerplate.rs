//! Text that comes with an invitation rather than from its organizer: conferencing join
//! instructions (Google Meet, Zoom, Microsoft Teams, Webex, GoTo, Chime, Jitsi, Nextcloud
//! Talk, Tencent Meeting), booking notices (Calendly, Cal.com, Chili Piper, HubSpot,
//! Microsoft Bookings), dial-in numbers, and Google Calendar's invitation footer.
//!
//! Blocks are recognised by their structure, which is the same in every language: the
//! underscore rules around a Teams block, Google's `-::~:~::-` fence, and the lines that only
//! such blocks have (meeting ids, passcodes, phone numbers, SIP addresses, join and booking
//! links). A line without that structure is dropped only when it sits inside or right next to
//! such a block and is made of the vocabulary of join instructions (or, for English and a few
//! common phrasings, matches a known phrase); or when it is a block's caption (a short line
//! with a join word, the block above it and a phone number, SIP address or id right below
//! it), or a booking tool's question over its management link. A line that carries anything
//! else stays: HTML without line breaks can put a whole invitation on one line, and losing
//! the organizer's words could cause a false decline.

use std::sync::LazyLock;

use regex::Regex;

use super::Boilerplate;
use super::links::{self, Link, LinkKind};
use super::text::{self, meaningful_words};
use super::vocab;

/// A boilerplate line is dropped only if at most this many meaningful words follow the part
/// recognised as boilerplate (`Download Teams | Join on the web`, `+1 646 558 8656 US (New
/// York)`, `Meeting password: x1 (123 from phones and video systems)` stay under it).
const MAX_WORDS_AFTER: usize = 6;

/// Google's multi-line footer sentences, removed before the text is split into lines.
static SENTENCES: LazyLock<Regex> = LazyLock::new(|| {
    let sentences = [
        r"invitation from google calendar:?",
        r"you are receiving this (?:e-?mail|message|notification|invitation)(?: at the account [^\s]{1,100})? because you are (?:an attendee (?:on|of) (?:the|this) event|subscribed for (?:invitations|updates|notifications) on calendar [^\s]{1,100})\.?",
        r"to stop receiving (?:future updates for this event, decline this event|these e-?mails, go to calendar settings[^.\n]{0,120})\.?",
        r"forwarding this invitation could allow any recipient to (?:send a response to the organizer,? be added to the guest list,? invite others regardless of their own invitation status,? (?:or|and) (?:to )?modify your rsvp|modify your rsvp response)\.?",
        r"learn more about (?:google )?meet at:?",
        r"please do not edit this section(?: of the description)?\.?",
        // The same footer as Google writes it in German, French, Spanish, Portuguese,
        // Italian and Dutch: its header, why the mail came (with its reason word), how to
        // stop it, and the warning about forwarding.
        r"einladung von google kalender:?",
        r"invitation (?:de|provenant de) google agenda:?",
        r"invitación de google calendar:?",
        r"convite do google agenda:?",
        r"invito da google calendar:?",
        r"uitnodiging van google agenda:?",
        r"sie erhalten diese (?:e-?mail|nachricht|benachrichtigung|einladung),? weil[^.:\n]{0,80}(?:gast|teilnehmer|invité|participant|invitado|participante|convidado|invitato|partecipante|genodigde|deelnemer)[^.:\n]{0,80}\.?",
        r"vous recevez (?:cet e-?mail|ce message|cette notification|cette invitation),? (?:car|parce que)[^.:\n]{0,80}(?:gast|teilnehmer|invité|participant|invitado|participante|convidado|invitato|partecipante|genodigde|deelnemer)[^.:\n]{0,80}\.?",
        r"(?:recibes|usted recibe|has recibido) este (?:correo(?: electrónico)?|mensaje|e-?mail),? porque[^.:\n]{0,80}(?:gast|teilnehmer|invité|participant|invitado|participante|convidado|invitato|partecipante|genodigde|deelnemer)[^.:\n]{0,80}\.?",
        r"você (?:está recebendo|recebeu) (?:este|esse) (?:e-?mail|convite|mensagem),? porque[^.:\n]{0,80}(?:gast|teilnehmer|invité|participant|invitado|participante|convidado|invitato|partecipante|genodigde|deelnemer)[^.:\n]{0,80}\.?",
        r"(?:ricevi|hai ricevuto|stai ricevendo) questa (?:e-?mail|email|notifica|comunicazione),? perché[^.:\n]{0,80}(?:gast|teilnehmer|invité|participant|invitado|participante|convidado|invitato|partecipante|genodigde|deelnemer)[^.:\n]{0,80}\.?",
        r"(?:je ontvangt|u ontvangt) deze (?:e-?mail|melding),? omdat[^.:\n]{0,80}(?:gast|teilnehmer|invité|participant|invitado|participante|convidado|invitato|partecipante|genodigde|deelnemer)[^.:\n]{0,80}\.?",
        r"wenn sie (?:künftig )?keine (?:aktualisierungen|updates|benachrichtigungen)[^.\n]{0,80}(?:termin|ereignis|veranstaltung)[^.\n]{0,60}lehnen[^.\n]{0,30}\.?",
        r"pour ne plus recevoir (?:de |les )?(?:mises à jour|notifications)[^.\n]{0,80}(?:cet événement|ce rendez-vous)[^.\n]{0,60}(?:refusez|déclinez)[^.\n]{0,30}\.?",
        r"para dejar de recibir (?:actualizaciones|notificaciones)[^.\n]{0,80}este evento[^.\n]{0,60}(?:rechaza|rechace|declina)[^.\n]{0,30}\.?",
        r"para (?:deixar de receber|não receber mais) (?:atualizações|notificações)[^.\n]{0,80}(?:este evento|deste evento)[^.\n]{0,60}(?:recuse|rejeite|recusar)[^.\n]{0,30}\.?",
        r"per non ricevere più (?:aggiornamenti|notifiche)[^.\n]{0,80}(?:questo evento)[^.\n]{0,60}rifiuta[^.\n]{0,30}\.?",
        r"(?:als|wil) je geen (?:updates|meldingen)[^.\n]{0,80}(?:dit evenement|deze afspraak|dit afspraak)[^.\n]{0,60}(?:weiger|wijs)[^.\n]{0,30}\.?",
        r"wenn sie diese einladung weiterleiten,?[^.:\n]{0,80}(?:empfänger|destinataire|destinatario|destinatário|ontvanger)[^.:\n]{0,220}\.?",
        r"(?:le fait de )?transférer cette invitation[^.:\n]{0,80}(?:empfänger|destinataire|destinatario|destinatário|ontvanger)[^.:\n]{0,220}\.?",
        r"reenviar esta invitación[^.:\n]{0,80}(?:empfänger|destinataire|destinatario|destinatário|ontvanger)[^.:\n]{0,220}\.?",
        r"encaminhar este convite[^.:\n]{0,80}(?:empfänger|destinataire|destinatario|destinatário|ontvanger)[^.:\n]{0,220}\.?",
        r"(?:l'inoltro di questo invito|inoltrare questo invito)[^.:\n]{0,80}(?:empfänger|destinataire|destinatario|destinatário|ontvanger)[^.:\n]{0,220}\.?",
        r"als je deze uitnodiging doorstuurt,?[^.:\n]{0,80}(?:empfänger|destinataire|destinatario|destinatário|ontvanger)[^.:\n]{0,220}\.?",
    ];
    // A sentence may wrap anywhere between its words.
    let pattern = sentences.join("|").replace(' ', r"\s+");
    Regex::new(&format!("(?i){pattern}")).expect("valid regex")
});

/// Lines that are boilerplate from their start (matched case-insensitively against the line
/// with whitespace collapsed and any bullet removed): English phrases and a few translations.
const LINES: &[&str] = &[
    // Zoom's lines in Vietnamese, Indonesian and Polish, whole (their words are common
    // words on their own).
    r"quay số theo vị trí của bạn\s?:?$",
    r"tìm số (?:điện thoại )?địa phương của bạn\s?:?",
    r"một chạm trên di động\s?:?$",
    r"ketuk satu kali di seluler\s?:?$",
    r"hubungi berdasarkan lokasi anda\s?:?$",
    r"temukan nomor lokal anda\s?:?",
    r"wybierz numer zgodnie ze swoją lokalizacją\s?:?$",
    r"znajdź swój numer lokalny\s?:?",
    r"szybkie połączenie z urządzenia mobilnego\s?:?$",
    // Google Meet (also German, French, Spanish).
    r"join with google meet\b",
    r"join by phone\b",
    r"join using sip\b",
    r"join\s?:?$",
    r"meeting link\s?:?$",
    r"or dial\s?:",
    r"more phone numbers\b",
    r"learn more about (?:google )?meet\b",
    r"please do not edit this section\b",
    // Its "do not edit" and "learn more" lines in other languages, whole.
    r"(?:(?:bitte )?(?:bearbeiten sie|bearbeite) diesen abschnitt nicht|diesen abschnitt nicht bearbeiten|(?:veuillez )?ne (?:pas )?modifie[rz] (?:pas )?cette section|no (?:edites|modifiques|edite|modifique) esta sección|non modificare questa sezione|(?:bewerk|wijzig) dit (?:gedeelte|onderdeel) niet|redigera inte (?:det här|detta) avsnitt(?:et)?|rediger ikke denne (?:delen|sektion|sektionen)|älä muokkaa tätä osiota|nie edytuj tej sekcji|não (?:edite|altere) esta seção|não edite esta secção|jangan (?:edit|ubah) bagian ini|не (?:редактируйте|изменяйте) этот раздел|не редагуйте цей розділ|bu bölümü düzenlemeyin|neupravujte tuto sekci|ne szerkessze ezt a szakaszt|nu editați această secțiune|μην επεξεργαστείτε αυτήν την ενότητα|vui lòng không chỉnh sửa phần này|このセクションは編集しないでください|请勿修改此部分|請勿修改此部分|이 섹션을 수정하지 마세요|โปรดอย่าแก้ไขส่วนนี้|يرجى عدم تعديل هذا القسم|אין לערוך קטע זה|कृपया इस अनुभाग में बदलाव न करें)\s?[.。]?$",
    r"(?:weitere informationen zu (?:google )?meet|en savoir plus sur (?:google )?meet|más información sobre (?:google )?meet|scopri di più su (?:google )?meet|meer informatie over (?:google )?meet|läs mer om (?:google )?meet|les mer om (?:google )?meet|læs mere om (?:google )?meet|lue lisää (?:google )?meetistä|dowiedz się więcej o (?:google )?meet|saiba mais sobre o (?:google )?meet|pelajari (?:google )?meet lebih lanjut|узнать больше о (?:google )?meet|(?:google )?meet hakkında daha fazla bilgi)\s?(?:di|em|at)?\s?:?$",
    r"this event has a video call\b",
    r"view your event at\b",
    r"pin\s?:?\s?[\d ]+#?$",
    r"mit google meet teilnehmen\b",
    r"telefonisch teilnehmen\b",
    r"weitere telefonnummern\b",
    r"participer (?:avec google meet|par téléphone)\b",
    r"autres numéros de téléphone\b",
    r"unirse (?:con google meet|por teléfono)\b",
    r"más números de teléfono\b",
    r"google meet\s?(?:으로|에)\s?참여\b",
    r"partecipa (?:con google meet|tramite telefono)\b",
    r"altri numeri di telefono\b",
    r"deelnemen (?:met google meet|via telefoon)\b",
    r"meer telefoonnummers\b",
    r"participar (?:com o google meet|por telefone)\b",
    r"mais números de telefone\b",
    r"(?:другие (?:телефонные )?номера(?: телефонов)?|інші номери(?: телефонів)?|więcej numerów(?: telefonów)?|fler telefonnummer|flere telefonnumre|flere telefonnumre|lisää puhelinnumeroita|diğer telefon numaraları|další telefonní čísla|további telefonszámok|mai multe numere de telefon|περισσότεροι αριθμοί(?: τηλεφώνου)?|số điện thoại khác|nomor telepon lainnya|meer telefoonnummers|weitere telefonnummern|その他の電話番号|更多电话号码|更多電話號碼|전화번호 더보기|หมายเลขโทรศัพท์เพิ่มเติม|مزيد من أرقام الهواتف|מספרי טלפון נוספים|और फ़ोन नंबर)\s?:?$",
    // Google Calendar's invitation footer.
    r"invitation from google calendar\b",
    r"you are receiving this\b",
    r"to stop receiving\b",
    r"forwarding this invitation\b",
    r"learn more(?: about forwarding invitations)?\s?[.:]?$",
    r"reply for \S+(?: and view more details\b|$)",
    r"view all guest info\b",
    r"going \(?\S+@\S+\)?\?",
    r"yes - maybe - no\b",
    // Its answer buttons one to a line, the last of them ("Yes" and "No" are filler).
    r"(?:maybe|peut-être|vielleicht|quizás|talvez|forse|misschien|kanske|kanskje|måske|ehkä|może|možná|možno|talán|poate|belki|возможно|можливо|ίσως|未定|可能|미정|mungkin|có thể)$",
    r"more options\b.?$",
    r"(?:organizer|guests|calendar)$",
    // Zoom.
    r"join zoom meeting\b",
    r"join (?:the )?zoom (?:meeting|webinar)\b",
    r".{0,80}\bis inviting you to a scheduled zoom (?:meeting|webinar)\b",
    r"meeting id\s?:",
    r"webinar id\s?:",
    r"pass(?:code|word)\s?:",
    r"one tap mobile\b",
    r"dial by your location\b",
    // Yandex Telemost, whole.
    r"ссылка на видеовстречу\s?:?$",
    r"подключиться через браузер или приложение (?:яндекс )?телемост\.?$",
    r"(?:kiezen|inbellen|bellen) op basis van (?:uw|je|jouw) locatie\s?:?$",
    r"find your local number\b",
    r"join by sip\b",
    r"join by h\.?\s?323\b",
    r"join from (?:pc, mac|a pc|an h\.?323|a sip|a room)\b",
    r"join instructions\b",
    r"meeting url\s?:",
    r"join via audio\b",
    r"\d{1,3}(?:\.\d{1,3}){3}(?: \(.{0,40}\))?$",
    r"time\s?: (?:[a-z]{3,9}\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})",
    r"international numbers available\b",
    r"(?:or )?(?:iphone one-tap|telephone)(?: \([^)]*\))?\s?:",
    r"phone one-tap\s?:",
    r"join by telephone\b",
    r"for higher quality, dial a number based on your current location\b",
    r"dial\s?:$",
    r"(?:us|uk|ca|au|de|fr|in|nl|se|ch|ie|sg|jp|br|mx|es|it|nz)\s?: \+",
    r"please download and import the following icalendar\b",
    r"(?:daily|weekly|monthly|매일|매주|매월|每天|每日|每周|每週|每月|毎日|毎週|毎月)\s?:$",
    r"every .{0,60}occurrence\(s\)",
    r"(?:h\.323|sip)\s?:",
    // Microsoft Teams.
    r"microsoft teams(?: meeting)?(?: need help\??)?$",
    r"join on your computer,? (?:mobile app|or mobile app)\b",
    r"click here to join the meeting\b",
    r"join the meeting now\b",
    r"join conversation$",
    r"download teams\b",
    r"join on the web\b",
    r"learn more(?: about teams)?\s?\|\s?meeting options\b",
    r"learn more about teams\b",
    r"meeting options$",
    r"join with a video conferencing device\b",
    r"video conferenc(?:e|ing) id\s?:",
    r"alternate vtc\b",
    r"(?:or )?call in \(audio only\)",
    r"dial[- ]in by phone\b",
    r"(?:phone )?conference id\s?:",
    r"find a local number\b",
    r"reset (?:dial-in )?pin\b",
    r"need help\?",
    r"for organizers\s?:",
    r"org help\b",
    r"privacy and security$",
    r"tenant key\s?:",
    r"video id\s?:",
    // Webex.
    r"-* ?do not delete or change any of the following text\b",
    r"when it'?s time, join\b",
    r"join (?:the )?webex meeting\b",
    r"meeting number(?: \(access code\))?\s?:",
    r"meeting password\s?:",
    r"access code\s?:",
    r"attendee id\s?:",
    r"host key\s?:",
    r"join (?:the )?meeting$",
    r"tap to join from a mobile device\b",
    r"global call-in numbers\b",
    r"toll-free calling restrictions\b",
    r"join from a video system or application\b",
    r"join by video system\b",
    r"join by meeting number\b",
    r"join from the meeting link\b",
    r"more ways to join\b",
    r"dial \S+@\S+",
    r"you can also dial\b",
    r"join using (?:microsoft lync|skype for business)\b",
    r"if you are a host, click here\b",
    r"can't join the meeting\??",
    r"important notice: please note that this webex service\b.*",
    r"join information$",
    // Amazon Chime.
    r"amazon chime meeting(?: invitation| details)?\s?:?$",
    r"to connect from an in-room video system, use one of the following amazon chime bridges\s?:?$",
    r"click to join the meeting\b",
    r"a headset is recommended\b",
    r"call in using your phone\b",
    r"dial-in attendees must enter\b",
    r"one-click mobile dial-in\b",
    r"international\s?:$",
    // GoToMeeting and generic dial-in details.
    r"(?:please )?join my meeting from your computer\b",
    r"you can also dial in using your phone\b",
    r"new to goto(?: ?meeting)?\??",
    r"first gotomeeting\? let'?s do a quick system check\b.*",
    r"get the app now\b",
    r"\(?for supported devices, tap a one-touch number\b.*",
    r"-? ?one-touch\s?:",
    r"join(?:ing)? from a video-conferencing room or system\b.*",
    r"dial in or type\s?:",
    r"or dial directly\s?:",
    r"laden sie die app jetzt herunter\b.*",
    r"\(?tippen sie bei unterstützten geräten auf\b.*",
    // Jitsi Meet.
    r"click the following link to join the meeting\b",
    r"klicken sie auf den folgenden link, um an der konferenz teilzunehmen\b",
    r"just want to dial in on your phone\??",
    r"click this link to see the dial in phone numbers\b.*",
    r"möchten sie sich per telefon einwählen\??",
    r"\(?für unterstützte geräte: tippen sie auf eine one-touch-nummer unten, um sofort teilzunehmen\.?\)?$",
    // Whereby, Amazon Chime, Teams' recording notice, a copied footer.
    r"no downloads?,? (?:or )?(?:logins?|sign-?ups?|installs?|accounts?) (?:are )?(?:needed|required)\.?(?: works in (?:the browser on desktop and mobile|chrome, firefox, safari(?:,)? and edge)\.?)?$",
    r"join zoho meeting\s?:?$",
    // Lifesize, Canvas LMS conferences.
    r"join my lifesize meeting\s?:?$",
    r"join the conference\s?:?$",
    r"this event was added to your calendar by (?-i:\p{Lu})[\w.-]*(?: (?-i:\p{Lu})[\w.-]*){0,3}\.?(?: manage notification preferences\s?:?)?$",
    // GoToWebinar's registration confirmation.
    r"please send your questions, comments and feedback to\s?:?\s?\S+@\S+$",
    r"note: this link should not be shared with others; it is unique to you\.?$",
    r"\d\.\s?(?:click the link to join the webinar at the specified time and date|choose one of the following audio options)\s?:?$",
    r"to use your (?:computer'?s audio|telephone)\s?:?$",
    r"when the webinar begins, you will be connected to audio using your computer'?s microphone and speakers \(voip\)\.?(?: a headset is recommended\.?)?$",
    r"add to (?:calendar|outlook calendar|google calendar|ical calendar)$",
    r"for information about creating an amazon chime account, see \S+$",
    r"meeting recordings may be stored in (?:onedrive|sharepoint|stream|the cloud)\.?(?: by joining(?: this meeting)?,? you consent to being recorded\.?)?$",
    r"by joining(?: this meeting)?,? you consent to being recorded\.?(?: meeting recordings may be stored in (?:onedrive|sharepoint|stream|the cloud)\.?)?$",
    r"add to calendar\s?:\s?(?:(?:google|outlook|apple|ical|yahoo)(?: calendar)?\s?[|/,]?\s?)+$",
    r"(?:©\s?|\(c\)\s?|copyright\s)?(?:\d{4}\s)?(?:zoom|cisco|webex|microsoft|google|goto|ringcentral)(?: [\w.,]+){0,4} all rights reserved\.?$",
    // Zoom webinars' registration confirmation.
    r"thank you for registering for (?:the |this |our )?webinar\.?$",
    r"please submit any questions to\s?:?\s?\S+@\S+$",
    // Calendly's location for a video call, in the languages it writes.
    r"this is a (?:zoom|google meet|microsoft teams|webex|gotomeeting|whereby) web conference\.?$",
    r"(?:you can )?join this meeting from your computer, tablet,? or smartphone\.?$",
    r"esta es una conferencia web de (?:zoom|google meet|microsoft teams|webex|gotomeeting)\.?$",
    r"puedes unirte a esta reunión desde tu (?:computadora|ordenador), tableta o teléfono inteligente\.?$",
    r"il s[’']agit d[’']une conférence web (?:zoom|google meet|microsoft teams|webex|gotomeeting)\.?$",
    r"vous pouvez (?:rejoindre|participer à) cette réunion depuis votre ordinateur, (?:votre )?tablette ou (?:votre )?smartphone\.?$",
    r"dies ist eine (?:zoom-|google meet-|teams-)?webkonferenz\.?$",
    r"sie können (?:an )?diese[mn]? (?:meeting|besprechung) (?:von|über) ihrem computer, tablet oder smartphone (?:aus )?teilnehmen\.?$",
    r"esta é uma (?:web ?conferência|conferência (?:na )?web)(?: d[oe] (?:zoom|google meet|microsoft teams|webex))?\.?$",
    r"você pode participar des[st]a reunião (?:pelo|do seu|de seu) computador, tablet ou smartphone\.?$",
    r"questa è una conferenza web(?: (?:zoom|google meet|microsoft teams|webex))?\.?$",
    // A scheduling tool's line naming the booking, in any language: the tool is last.
    r".{0,60}\b(?:booked|scheduled|agendad[oa]|programad[oa]|marcad[oa]|gebucht|geplant|vereinbart|réservée?|planifiée?|prenotat[oa]|programmat[oa]|geboekt|gepland|bokad|bokat|booket|zarezerwowan[aey]|zaplanowan[aey]|запланирован[аоы]?|забронирован[аоы]?|rezervováno|varattu|foglalva|rezervat|programat)\b.{0,40}\b(?:via|through|with|using|por meio d[oa]|através d[oa]|mediante|über|mit|par|avec|tramite|tra(?:mite)? il|met|przez|через|kautta|által|prin|melalui|qua) (?:the )?(?:hubspot(?: meetings)?|calendly|chili ?piper|cal\.com|savvycal|microsoft bookings|youcanbook\.me|acuity(?: scheduling)?)\.?$",
    // Workday's and other HR systems' notices.
    r"this is a system[- ]generated (?:message|e-?mail|notification)\.?(?: please)?(?: do not reply(?: to (?:this|it)(?: message| e-?mail)?)?\.?)?$",
    r"please accept or decline this invitation in \w+\.?$",
    r"you have been invited to an event\.?$",
    r"this invitation was sent from \w+(?: on behalf of (?-i:\p{Lu})[\w&.-]*(?: (?-i:\p{Lu})[\w&.-]*){0,4})?\.?$",
    r"please do not reply to this automated (?:message|e-?mail|notification)\.?$",
    r"this calendar invite was generated by (?-i:\p{Lu})[\w.-]*(?: (?-i:\p{Lu})[\w.-]*){0,3}\.?$",
    // Skype for Business, RingCentral, booking tools.
    r"join skype meeting\b",
    r"trouble joining\? try skype web app\b",
    r".{0,90}\b(?:try|essayez|probeer|versuchen sie(?: es mit)?|pruebe|prova|tente|försök med|prøv|spróbuj|попробуйте) (?:the )?skype web app\.?$",
    r"forgot your dial-in pin\?.*",
    // Its "Find a local number" and access code, localized.
    r"(?:een lokaal nummer zoeken|lokale (?:ein)?wahlnummer suchen|ortsnummer suchen|rechercher un numéro local|buscar un número local|procurar um número local|trova un numero locale|hitta ett lokalt nummer|find et lokalt nummer|finn et lokalt nummer|znajdź numer lokalny|найти местный номер)\s?:?$",
    r"(?:inbelpincode vergeten|einwahl-pin vergessen|code pin (?:d'accès )?oublié|¿?ha olvidado su pin|esqueceu o pin|pin dimenticato|har du glömt din pin-kod|glemt (?:din )?pin-kode|nie pamiętasz kodu pin|забыли пин-код)\s?\??$",
    r"(?:zugangscode|code d['’]accès|código de acceso|código de acesso|codice di accesso|toegangscode|åtkomstkod|adgangskode|tilgangskode|kod dostępu|přístupový kód|код доступа|код доступу|erişim kodu|käyttökoodi|hozzáférési kód|cod de acces|アクセス コード|アクセスコード|访问码|訪問碼|存取碼|액세스 코드)\s?:\s?[\d ]+#?$",
    r"join the meeting\s?: \S+$",
    r"this meeting was (?:booked|scheduled) with .{1,80} via chili ?piper\.?$",
    r"(?:booked|scheduled) (?:through|via|with) (?:hubspot(?: meetings)?|savvycal|calendly|chili ?piper|cal\.com|microsoft bookings)\.?$",
    r"please share anything that will help prepare for our meeting\.?$",
    r"powered by (?:calendly(?:\.com)?|microsoft bookings|hubspot|savvycal|cal\.com)\b",
    r"(?:dial[- ]in|call[- ]in)(?: numbers?| details| info(?:rmation)?)?\s?:",
    r"(?:participant|host|moderator|leader|conference|audio) (?:code|pin|passcode|password|id)\b",
    r"toll(?:[- ]free)?(?: number)?\s?:",
    // A country and a number (`United States: +1 (571) 317-3122`), an address alone.
    r"[a-z][a-z .()\d-]{1,40}(?::\s?\+|\(toll[- ]free\)\s?:\s?)\s?\(?\d[\d ()-]{6,}",
    r"international numbers\s?:?$",
    r"[^\s@]+@[^\s@]+$",
    // A booking tool's contact fields (`Email:- jamie@example.com`, LeadConnector's).
    r"e-?mail\s?:-\s?[^\s@]+@[^\s@]+$",
    r"phone\s?:-\s?\+?[\d ()./-]{7,}$",
];
static LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?i)^(?:{})", LINES.join("|"))).expect("valid regex"));

/// The start of a dial-in line: `(US) +1 415-555-0100 PIN: 1#`, `+16465588656,,8123# US`,
/// `877 853 5257 US Toll-free`.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(\w{1,4}\)\s?)?\+?\(?\d[\d ().\-/,#*]*").expect("valid regex")
});

/// A recurrence line in Zoom's copied invitation, in the languages Zoom writes.
static RECURRENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:every|jede[nrs]?|chaque|tous les|toutes les|cada|tod[oa]s? (?:as|os)|ogni|elke|毎週|毎日|毎月|매주|매일|매월|每周|每週|每天|每月).{0,80}(?:occurrence|vorkommen|occurrences?|ocurrencias?|ocorrências?|occorrenze|keer|回|되풀이|次)")
        .expect("valid regex")
});

/// A clock time (`10:00`, `03:00 오후`).
static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}:\d{2}\b").expect("valid regex"));

/// A line fenced by dashes (`-- Do not delete or change any of the following text. --`, in
/// any language): Webex writes one above its block.
static DASH_NOTICE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^-{2,}\s?\S.{4,}\S\s?-{2,}$").expect("valid regex"));

/// A SIP or H.323 address (`81234567890@zoomcrc.com`, `123@t.plcm.vc`) or an IP address.
static SIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{5,}(?:\.\w+)?@[\w.-]+\.\w{2,}\b|\b\d{1,3}(?:\.\d{1,3}){3}\b")
        .expect("valid regex")
});

/// Removes Google's footer sentences, which wrap over several lines in e-mailed invitations;
/// and says whether Google Calendar's invitation footer (not only Meet's) was among them.
pub(super) fn strip_sentences(text: &str) -> (std::borrow::Cow<'_, str>, bool) {
    let mut footer = false;
    let out = SENTENCES.replace_all(text, |c: &regex::Captures<'_>| {
        let start = c[0].trim_start().to_ascii_lowercase();
        footer |= !(start.starts_with("learn more") || start.starts_with("please do not"));
        "\n"
    });
    (out, footer)
}

/// Google's `-::~:~::~:~:~...::-` fence around the conferencing block it appends.
pub(super) fn is_google_fence(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 10
        && line.starts_with("-::~")
        && line.ends_with("::-")
        && line.chars().all(|c| matches!(c, '-' | ':' | '~'))
}

/// Separator lines (`______`, `-----`, `──────`) and lines of punctuation only.
pub(super) fn is_separator(line: &str) -> bool {
    !line.chars().any(char::is_alphanumeric)
}

/// The underscore rule of a Teams block (and of Outlook's reply header).
fn is_rule(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 8 && line.chars().all(|c| c == '_' || c == ' ')
}

/// Whether a line (whitespace collapsed, bullet removed) starts with a known boilerplate
/// phrase or a dial-in number, with little after it.
pub(super) fn is_boilerplate_line(line: &str) -> bool {
    let end = match LINE.find(line) {
        Some(m) => Some(m.end()),
        None => phone_number_end(line),
    };
    end.is_some_and(|end| {
        let rest = &line[end..];
        meaningful_words(rest) <= MAX_WORDS_AFTER
            && vocab::decision(rest).is_none()
            && text::ticket(rest).is_none()
    })
}

/// Where a dial-in number at the start of the line ends: an international number (`+1 ...`,
/// `(US) +1 ...`) of at least seven digits, or a national one of at least ten in groups
/// separated by spaces or dashes (`877 853 5247`, `1-650-479-3208`). Dates and times
/// (`2025-03-04`, `10.00-11.00`) are not phone numbers.
fn phone_number_end(line: &str) -> Option<usize> {
    let m = PHONE.find(line)?;
    let number = m.as_str();
    let digits = number.bytes().filter(u8::is_ascii_digit).count();
    let international = number.contains('+');
    let national = digits >= 10 && !number.contains(['.', '/']);
    (international && digits >= 7 || national).then_some(m.end())
}

/// What kind of raw line this is, before its words are looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Blank,
    /// Punctuation only (`-----`, `──────`).
    Separator,
    /// An underscore rule.
    Rule,
    /// Google's fence.
    Fence,
    /// `--`: a signature follows.
    SignatureMark,
    Text,
}

/// How a line may join a neighbouring block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Absorb {
    No,
    /// Made of join-instruction vocabulary, or a bare code (`B56Q6pu6`): joins a block it
    /// touches, across blank lines.
    Vocabulary,
    /// Names a product ("... is inviting you to a scheduled Zoom meeting."): joins a block
    /// that follows within a few lines.
    Brand,
    /// A short line without a decision or a ticket: joins only when a block is on both sides,
    /// with no blank line between.
    Short,
}

/// One line of description, analysed.
pub(super) struct Line {
    /// Whitespace collapsed, conferencing and calendar links removed.
    pub text: String,
    pub shape: Shape,
    /// Decided: this line is boilerplate of this kind.
    pub strip: Option<Boilerplate>,
    /// A meeting id, passcode, phone number or join link: the structure of a block (the line
    /// may still carry other words).
    pub anchor: bool,
    /// A product named or linked on the line.
    pub brand: Option<Boilerplate>,
    pub absorb: Absorb,
    /// A logistics field: 1 a time line, 2 a topic line (Zoom writes `Topic:` then `Time:`).
    pub field: u8,
    /// Words of join instructions on the line, and other words (see [`vocabulary`]).
    pub join_words: usize,
    pub other_words: usize,
}

impl Line {
    /// Part of a conferencing block, for its neighbours.
    fn in_block(&self) -> bool {
        self.anchor || self.strip.is_some_and(Boilerplate::is_conferencing)
    }

    fn strip_as(&mut self, fallback: Boilerplate) {
        if self.strip.is_none() {
            self.strip = Some(self.brand.unwrap_or(fallback));
        }
    }
}

/// Products named in words, in any language.
static BRAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^a-z0-9])(microsoft teams|ms teams|teams meeting|teams-besprechung|zoom|google meet|hangouts|webex|gotomeeting|goto meeting|gotowebinar|amazon chime|chime|jitsi|nextcloud talk|tencent meeting|腾讯会议|騰訊會議|calendly|chili piper|chilipiper|hubspot|savvycal|cal\.com|youcanbook)(?:$|[^a-z0-9])",
    )
    .expect("valid regex")
});

/// The first product named in `text`.
fn brand_in(text: &str) -> Option<Boilerplate> {
    let c = BRAND.captures(text)?;
    let name = c.get(1)?.as_str().to_ascii_lowercase();
    Some(match name.as_str() {
        "microsoft teams" | "ms teams" | "teams meeting" | "teams-besprechung" => {
            Boilerplate::Teams
        }
        "zoom" => Boilerplate::Zoom,
        "google meet" | "hangouts" => Boilerplate::GoogleMeet,
        "webex" => Boilerplate::Webex,
        "gotomeeting" | "goto meeting" | "gotowebinar" => Boilerplate::GoTo,
        "amazon chime" | "chime" => Boilerplate::Chime,
        "jitsi" => Boilerplate::Jitsi,
        "calendly" => Boilerplate::Calendly,
        "nextcloud talk" | "tencent meeting" | "腾讯会议" | "騰訊會議" => {
            Boilerplate::DialIn
        }
        "chili piper" | "chilipiper" => Boilerplate::ChiliPiper,
        _ => Boilerplate::Booking,
    })
}

/// How much of a line is the vocabulary of join instructions.
#[derive(Clone, Copy, Default)]
struct Words {
    /// Join-instruction or product words.
    known: usize,
    /// Other content words in lower case.
    other: usize,
    /// Other capitalised words: names ("Dana Whitfield is inviting you ...").
    names: usize,
}

fn vocabulary(line: &str) -> Words {
    let mut w = Words::default();
    for token in line.split_whitespace() {
        if text::link_like(token) {
            continue;
        }
        if matches!(
            token
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
                .as_str(),
            "h.323" | "h323" | "sip"
        ) {
            w.known += 1;
            continue;
        }
        for piece in token
            .split(|c: char| !(text::word_char(c) || matches!(c, '\'' | '’' | '-')))
            .map(|p| p.trim_matches('-'))
            .filter(|p| !p.is_empty())
        {
            let capitalised = piece.chars().next().is_some_and(char::is_uppercase);
            let piece = text::lower_word(piece);
            if piece.chars().any(text::unspaced) {
                // Known words removed, what is left: kana, Korean particles and endings and
                // Chinese function characters are neutral, other characters (kanji, katakana,
                // hangul) are content.
                if vocab::flags(&piece) & (vocab::CONFERENCING | vocab::BRAND) != 0 {
                    w.known += 1;
                    continue;
                }
                let (rest, known) = vocab::strip_cjk_join(&piece);
                let left: usize = rest
                    .split_whitespace()
                    .filter(|f| !vocab::cjk_grammar(f))
                    .map(|f| {
                        f.chars()
                            .filter(|c| text::unspaced(*c) && !text::hiragana(*c))
                            .count()
                    })
                    .sum();
                if left * 4 <= piece.chars().count() {
                    w.known += known;
                } else {
                    w.other += 1;
                }
                continue;
            }
            if piece.bytes().all(|b| b.is_ascii_digit()) || piece.chars().count() < 2 {
                continue;
            }
            if text::joined_word(&piece) {
                w.other += 1;
                continue;
            }
            let whole = vocab::flags(text::elide(&piece));
            let parts: Vec<&str> = if whole == 0 {
                piece
                    .split('-')
                    .filter(|p| p.chars().count() >= 2)
                    .collect()
            } else {
                vec![piece.as_str()]
            };
            for part in parts {
                let flags = if part.len() == piece.len() {
                    whole
                } else {
                    vocab::flags(part)
                };
                let flags = if flags == 0 {
                    text::inflected_brand(part)
                } else {
                    flags
                };
                if flags & (vocab::CONFERENCING | vocab::BRAND) != 0 {
                    w.known += 1;
                } else if flags == 0 && capitalised {
                    w.names += 1;
                } else if flags == 0 && !part.bytes().all(|b| b.is_ascii_digit()) {
                    w.other += 1;
                }
            }
        }
    }
    w
}

/// A code after a label (`Passcode: 7hQ4pZ`, `Kenncode: 551902`, `Mot de passe : tPm3Gx9`):
/// one token of ASCII letters and digits (the codes conferencing tools give), or of mixed
/// case, maybe with a note in parentheses. A word of another script with digits in it
/// (`618大促复盘`, a topic) is not a code.
fn credential(value: &str) -> bool {
    let mut tokens = value.split_whitespace();
    let Some(code) = tokens.next() else {
        return false;
    };
    let code = code.trim_end_matches(['#', ',', ';', '.']);
    let alnum = code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '*' | '#'));
    let digits = code.chars().filter(char::is_ascii_digit).count();
    // Mixed case inside the word (`AbCdEf`), not a capitalised word (`Budget`).
    let inner_upper = code.chars().skip(1).filter(|c| c.is_uppercase()).count();
    let lower = code.chars().filter(|c| c.is_lowercase()).count();
    let codelike = digits > 0 || (inner_upper > 0 && lower > 0 && code.len() >= 5);
    let rest: Vec<&str> = tokens.collect();
    let note = rest.is_empty() || rest.first().is_some_and(|t| t.starts_with('('));
    alnum && codelike && code.chars().count() >= 4 && note
}

/// A digits-only line: a meeting id on its own line (`226 316 127 041 374`).
fn digits_only(line: &str) -> bool {
    let digits = line.bytes().filter(u8::is_ascii_digit).count();
    digits >= 6
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '#' | '.'))
}

/// Analyses one raw line; every link on it goes to `found`.
pub(super) fn analyse(raw: &str, found: &mut impl FnMut(Link)) -> Line {
    let trimmed = raw.trim();
    let mut line = Line {
        text: String::new(),
        shape: Shape::Text,
        strip: None,
        anchor: false,
        brand: None,
        absorb: Absorb::No,
        field: 0,
        join_words: 0,
        other_words: 0,
    };
    if trimmed.is_empty() {
        line.shape = Shape::Blank;
        return line;
    }
    if is_google_fence(trimmed) {
        line.shape = Shape::Fence;
        return line;
    }
    if is_rule(trimmed) {
        line.shape = Shape::Rule;
        return line;
    }
    if trimmed == "--" || trimmed == "—" {
        line.shape = Shape::SignatureMark;
        return line;
    }
    let mut linked = false;
    let mut document = false;
    let mut document_tool = false;
    let mut brand = None;
    let stripped = links::strip_links(raw, |link| {
        if matches!(link.kind, LinkKind::Conferencing | LinkKind::Boilerplate) {
            linked = true;
            brand = brand.or(links::brand(&link));
        }
        document |= link.kind == LinkKind::Document;
        document_tool |= link.kind == LinkKind::Document && links::document_host(&link.host);
        found(link);
    });
    // A line that also links a document is the organizer's (`Plan<docs…> | Meeting
    // options<teams…>`): its link is the agenda.
    let linked = linked && !document;
    line.text = super::collapse_whitespace(&stripped);
    line.brand = brand.or_else(|| brand_in(&line.text));
    if line.text.is_empty() || is_separator(&line.text) {
        if linked {
            line.anchor = true;
            line.strip_as(Boilerplate::DialIn);
        } else {
            line.shape = if line.text.is_empty() {
                Shape::Blank
            } else {
                Shape::Separator
            };
        }
        return line;
    }
    let body = text::strip_bullet(&line.text);
    let cue = vocab::decision(body).is_some() || text::ticket(body).is_some();
    let label = text::split_label(body);
    let label_lower = label.map(|(l, _)| l.to_lowercase());
    if let Some(l) = &label_lower
        && !cue
    {
        // Zoom's time line always has a clock time in it.
        let value = label.map_or("", |(_, v)| v);
        if vocab::is_time_label(l) && CLOCK.is_match(value) {
            line.field = 1;
        } else if vocab::is_topic_label(l) {
            line.field = 2;
        }
    }
    let heading = text::starts_with_heading(body);

    let digit = body.bytes().any(|b| b.is_ascii_digit());
    // Skype for Business (Lync) ends its block with its language marker (`[!OC([1033])!]`).
    let lync_marker = body.starts_with("[!OC([") && body.ends_with("])!]") && body.len() <= 16;
    if body.starts_with("--") && DASH_NOTICE.is_match(body)
        || digit && RECURRENCE.is_match(body)
        || lync_marker
    {
        line.anchor = true;
        line.strip_as(Boilerplate::DialIn);
        return line;
    }
    // Zoom's sentence about its recurrence file, in any language: it names the format.
    let recurrence_file = !cue
        && body.len() <= 300
        && body.to_ascii_lowercase().contains("icalendar")
        && body.contains("(.ics)");
    if is_boilerplate_line(body) && !heading || recurrence_file {
        line.anchor = true;
        line.strip_as(Boilerplate::DialIn);
        return line;
    }
    let Words {
        known,
        other: lower_other,
        names,
    } = vocabulary(body);
    let other = lower_other + names;
    line.join_words = known;
    line.other_words = other;
    // A meeting id or a passcode after a label of join vocabulary, in any language.
    if let Some((l, value)) = label
        && !cue
    {
        let label_known = vocabulary(l).known > 0;
        let id = value.bytes().filter(u8::is_ascii_digit).count() >= 6 && digits_only(value.trim());
        if label_known && (id || credential(value)) {
            line.anchor = true;
            line.strip_as(Boilerplate::DialIn);
            return line;
        }
        // A dial-in number after a label, in any language (`或拨号: (HK) +852 5808 4711 PIN:
        // 124 116 396#`, `日本: +81 3-4510-7000`): after join vocabulary, or international
        // with nothing but a place or a PIN after it.
        let number = value.trim_start();
        if let Some(end) = phone_number_end(number) {
            let rest = number[end..].trim();
            // After the number: nothing, a place, or a PIN in any language (`Code : 512
            // 774 039#`).
            let after = vocabulary(rest);
            // Or only the names of places (`United States, California (San Jose)`).
            let places = after.other == 0 && after.names <= 6;
            let place = rest.is_empty()
                || rest.starts_with('(')
                || rest.to_lowercase().starts_with("pin")
                || after.known >= 1 && after.other + after.names == 0
                || places;
            let international = number.starts_with(['+', '(']) && place;
            if (label_known || international)
                && (meaningful_words(rest) <= MAX_WORDS_AFTER || places)
            {
                line.anchor = true;
                line.strip_as(Boilerplate::DialIn);
                return line;
            }
        }
    }
    // An international dial-in number after join vocabulary however long the words before
    // it (`One tap to join audio only from a smartphone: +16504191505,,123456789#
    // United States, California (San Jose)`), with places or a few words after it.
    if digit
        && !cue
        && let Some(pos) = body.find('+')
        && let (before, number) = body.split_at(pos)
        && let before_words = vocabulary(before)
        && before_words.known >= 2
        && before_words.other + before_words.names == 0
        && let Some(end) = phone_number_end(number)
    {
        let rest = number[end..].trim();
        let after = vocabulary(rest);
        if meaningful_words(rest) <= MAX_WORDS_AFTER || after.other == 0 && after.names <= 6 {
            line.anchor = true;
            line.strip_as(Boilerplate::DialIn);
            return line;
        }
    }
    if digit && (digits_only(body) || (SIP.is_match(body) && other <= 3 && !cue)) {
        line.anchor = true;
        line.strip_as(Boilerplate::DialIn);
        return line;
    }
    let words = body.split_whitespace().count();
    // A row of the tool's links (`Local numbers | Reset PIN | Learn more about Teams |
    // Meeting options`, in any language): every part separated by `|` is a short label of a
    // conferencing or boilerplate link.
    if linked && !cue && link_row(raw) {
        line.anchor = true;
        line.strip_as(Boilerplate::DialIn);
        return line;
    }
    if linked {
        line.anchor = true;
        if !cue && (other == 0 || known >= 2 && other == 1) {
            line.strip_as(Boilerplate::DialIn);
            return line;
        }
        // A booking tool's question before its management link ("Need to reschedule or
        // cancel?"), in any language.
        if !cue && line.brand.is_some_and(Boilerplate::is_booking) && asks(body) && words <= 12 {
            line.strip_as(Boilerplate::Booking);
            return line;
        }
    }
    if cue || heading {
        return line;
    }
    let bare_code = words == 1 && credential(body);
    // One join word alone is not enough ("Weekend on-call" has "call"), unless the line is
    // a label or that word ("Passcode:", "International:").
    let labelled = body.trim_end().ends_with([':', '：']) || words == 1;
    // A question with a word of its own is the organizer's ("我們是否要延後新版 App 的上架
    // 時間？" above a Teams block), however many join words it holds.
    let vocabulary = ((known >= 2 || known == 1 && labelled) && other == 0
        || known >= 3 && other == 1)
        && !(asks(body) && other >= 1);
    // A product named next to names and join words only: the organizer's own sentence that
    // mentions Zoom has other words in it.
    let brand_line = line.brand.is_some() && lower_other == 0 && names <= 3;
    line.absorb = if (vocabulary && words <= 20) || bare_code {
        Absorb::Vocabulary
    } else if brand_line && words <= 25 {
        Absorb::Brand
    } else if let Some((_, value)) = label
        && credential(value)
    {
        Absorb::Vocabulary
    } else if words <= 8 {
        Absorb::Short
    } else {
        Absorb::No
    };
    // A short line that links a document tool's page is the organizer's, next to a join
    // block too ("See you there! Notes from last time: <notion.site/...>" under Webex's
    // text); another site's page there may be the tool's own.
    if document_tool {
        line.absorb = Absorb::No;
    }
    line
}

/// Whether `raw` is two or more parts separated by `|`, each a label of at most six words
/// with a conferencing or boilerplate link.
fn link_row(raw: &str) -> bool {
    let parts: Vec<&str> = raw
        .split('|')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            let mut tool = false;
            let label = links::strip_links(part, |link| {
                tool |= matches!(link.kind, LinkKind::Conferencing | LinkKind::Boilerplate);
            });
            tool && label.split_whitespace().count() <= 6
        })
}

/// A question mark, in any script.
fn asks(text: &str) -> bool {
    text.contains(['?', '？'])
}

/// Marks the lines inside pairs of Google's fences. An unpaired fence hides only itself.
///
/// Inside, Google writes only its join lines (linked, or numbers and a PIN), captions of
/// join words and its notice not to edit the section, last. Any other line was typed into
/// the section by the organizer ("Can we ship dark mode without the design system
/// update?") and stays.
pub(super) fn google_fences(lines: &mut [Line]) {
    let fences: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].shape == Shape::Fence)
        .collect();
    for pair in fences.chunks(2) {
        match *pair {
            [open, close] => {
                let notice = (open + 1..close)
                    .rev()
                    .find(|&k| lines[k].shape == Shape::Text);
                for (k, l) in lines.iter_mut().enumerate().take(close + 1).skip(open) {
                    let google = l.shape != Shape::Text
                        || l.anchor
                        || l.strip.is_some()
                        || Some(k) == notice
                        || l.join_words >= l.other_words
                        || l.text.bytes().filter(u8::is_ascii_digit).count() >= 7
                        || l.text.trim_end().ends_with([':', '：']);
                    if google && !text::heading_with_content(&l.text) {
                        l.strip = Some(Boilerplate::GoogleMeet);
                    }
                }
            }
            [single] => lines[single].strip = Some(Boilerplate::GoogleMeet),
            _ => {}
        }
    }
}

/// Marks a Teams block: everything between two underscore rules, links included, when the
/// first line between them names Teams (or links to it); and a following region between rules
/// that continues it (the dial-in part of the newer format). Rules already taken by another
/// block (Outlook's reply header) do not count.
pub(super) fn teams_regions(lines: &mut [Line]) {
    let rules: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].shape == Shape::Rule && lines[i].strip.is_none())
        .collect();
    let mut previous_was_teams = false;
    for pair in rules.windows(2) {
        let (open, close) = (pair[0], pair[1]);
        let inside = &lines[open + 1..close];
        let first = inside.iter().find(|l| l.shape != Shape::Blank);
        let starts_teams = first.is_some_and(|l| {
            l.brand == Some(Boilerplate::Teams) || l.text.to_lowercase().contains("microsoft teams")
        });
        let nonblank = inside.iter().filter(|l| l.shape != Shape::Blank).count();
        let continues = previous_was_teams && nonblank <= 15 && inside.iter().any(|l| l.anchor);
        if (starts_teams || continues)
            && inside
                .iter()
                .all(|l| l.strip != Some(Boilerplate::Forwarded))
        {
            for l in &mut lines[open..=close] {
                if !super::text::heading_with_content(&l.text) {
                    l.strip = Some(Boilerplate::Teams);
                }
            }
            previous_was_teams = true;
        } else {
            previous_was_teams = false;
        }
    }
}

/// A Teams block copied without its underscore rules: from its caption (a short line naming
/// Microsoft Teams, "Microsoft Teams-møte", "Собрание Microsoft Teams") to the last line,
/// within fifteen lines, with a Teams link or a meeting id, when a Teams link to join is
/// among them. The lines between are the block's when each is a link, an id or a code, or
/// mostly join words in at most twenty words with no decision, ticket, question or agenda
/// heading: an organizer's sentence there keeps the whole block from being taken.
pub(super) fn teams_without_rules(lines: &mut [Line]) {
    const WINDOW: usize = 15;
    let mut i = 0;
    while i < lines.len() {
        let caption = &lines[i];
        let is_caption = caption.shape == Shape::Text
            && caption.strip.is_none()
            && caption.brand == Some(Boilerplate::Teams)
            && !caption.anchor
            && caption.text.split_whitespace().count() <= 8
            && !asks(&caption.text);
        if !is_caption {
            i += 1;
            continue;
        }
        let window: Vec<usize> = (i + 1..lines.len())
            .filter(|&k| lines[k].shape != Shape::Blank)
            .take(WINDOW)
            .collect();
        let joins = window
            .iter()
            .any(|&k| lines[k].anchor && lines[k].brand == Some(Boilerplate::Teams));
        let end = window
            .iter()
            .rev()
            .find(|&&k| lines[k].anchor || lines[k].brand == Some(Boilerplate::Teams))
            .copied();
        let Some(end) = end.filter(|_| joins) else {
            i += 1;
            continue;
        };
        // A code or an id after a label in a language the lists lack (`Jelkód: Qx8pZ`).
        let credential_line = |l: &Line| {
            text::split_label(&l.text).is_some_and(|(_, value)| {
                credential(value)
                    || value.bytes().filter(u8::is_ascii_digit).count() >= 6
                        && digits_only(value.trim())
            })
        };
        let belongs = |l: &Line| {
            l.shape != Shape::Text
                || l.strip.is_some()
                || l.anchor
                || l.brand == Some(Boilerplate::Teams)
                || credential_line(l)
                || l.join_words > l.other_words
                    && l.text.split_whitespace().count() <= 20
                    && !asks(&l.text)
                    && vocab::decision(&l.text).is_none()
                    && text::ticket(&l.text).is_none()
                    && !text::starts_with_heading(&l.text)
        };
        if lines[i + 1..=end].iter().all(belongs) {
            for l in &mut lines[i..=end] {
                if l.shape == Shape::Text && !text::heading_with_content(&l.text) {
                    l.strip_as(Boilerplate::Teams);
                }
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
}

/// Lines between blanks and separators are skipped when looking for a neighbour.
fn skippable(line: &Line) -> bool {
    matches!(line.shape, Shape::Blank | Shape::Separator) && line.strip.is_none()
}

/// Joins lines to the conferencing blocks they touch (see [`Absorb`]).
pub(super) fn absorb(lines: &mut [Line]) {
    let n = lines.len();
    // Forward: a line right after a block.
    let mut previous: Option<usize> = None;
    for i in 0..n {
        if skippable(&lines[i]) {
            continue;
        }
        if lines[i].strip.is_none()
            && matches!(lines[i].absorb, Absorb::Vocabulary | Absorb::Brand)
            && let Some(p) = previous
            && lines[p].in_block()
        {
            let brand = lines[p].brand.or(lines[p].strip);
            lines[i].strip_as(brand.unwrap_or(Boilerplate::DialIn));
        }
        previous = Some(i);
    }
    // Backward: a line right before a block, and the intro, topic and time lines of Zoom's
    // copied invitation above it.
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        if skippable(&lines[i]) {
            continue;
        }
        if lines[i].strip.is_none()
            && let Some(j) = next
        {
            let (l, after) = (&lines[i], &lines[j]);
            let joins = matches!(l.absorb, Absorb::Vocabulary | Absorb::Brand) && after.in_block()
                || l.field == 1 && after.in_block()
                || l.field == 2 && after.field == 1 && after.strip.is_some();
            if joins {
                let brand = after.brand.or(after.strip);
                lines[i].strip_as(brand.unwrap_or(Boilerplate::DialIn));
            }
        }
        next = Some(i);
    }
    // Sandwiched: up to two short lines with block lines right above and below them, when
    // they hold at least as many join words as others ("Or call in (audio only)") or a
    // clock time (the dates of a recurring Zoom meeting): a short
    // topic between a Teams caption and its link ("Quarterly numbers for the board deck")
    // is the organizer's.
    let sandwiched = |l: &Line| {
        l.strip.is_none()
            && l.absorb != Absorb::No
            && (l.join_words >= l.other_words || CLOCK.is_match(text::prefix(&l.text, 200)))
    };
    let mut i = 1;
    while i + 1 < n {
        if sandwiched(&lines[i]) && lines[i - 1].in_block() {
            let mut j = i;
            while j < n && j < i + 2 && sandwiched(&lines[j]) {
                j += 1;
            }
            if j < n && lines[j].in_block() {
                let brand = lines[i - 1].brand.or(lines[i - 1].strip);
                for l in &mut lines[i..j] {
                    l.strip_as(brand.unwrap_or(Boilerplate::DialIn));
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    // A caption: a short line of mostly join instructions that opens a group of lines
    // inside a block (`Dial by your location`, `Join by SIP`), with the block above it
    // (blank lines between allowed) and a phone number, SIP address or id right below it.
    // Over a list of at least two such lines, a short line in words of any language is the
    // list's caption (`Toque rápido em dispositivos móveis`, `Szybkie wybieranie na
    // urządzeniu mobilnym`): an organizer writes no line between a block's parts.
    let numbered = |l: Option<&Line>| {
        l.is_some_and(|b| {
            b.anchor && !b.text.is_empty() && b.strip.is_some_and(Boilerplate::is_conferencing)
        })
    };
    let mut above: Option<usize> = None;
    // Whether a separator line stands between `above` and the line looked at.
    let mut separated = false;
    for i in 0..n {
        if skippable(&lines[i]) {
            separated |= lines[i].shape == Shape::Separator;
            continue;
        }
        let l = &lines[i];
        let short =
            l.strip.is_none() && l.shape == Shape::Text && l.absorb != Absorb::No && !asks(&l.text);
        let dial_in = |k: usize| {
            numbered(lines.get(k))
                && phone_number_end(text::strip_bullet(&lines[k].text).trim_start()).is_some()
        };
        // Zoom opens each list with a separator line (`---`) and its caption: a line the
        // organizer typed there has neither.
        let captions_list = separated && l.other_words <= 6 && dial_in(i + 1) && dial_in(i + 2);
        let caption = short
            && (l.join_words >= 1 && l.other_words <= 3 && l.join_words >= l.other_words
                || captions_list);
        if caption && above.is_some_and(|a| lines[a].in_block()) && numbered(lines.get(i + 1)) {
            let brand = above.and_then(|a| lines[a].brand.or(lines[a].strip));
            lines[i].strip_as(brand.unwrap_or(Boilerplate::DialIn));
        }
        above = Some(i);
        separated = false;
    }
    // A booking tool's question right above its management links (Calendly's "Need to make
    // changes to this event?" over `Cancel: <link>`), in any language.
    for i in 0..n.saturating_sub(1) {
        let next = &lines[i + 1];
        let booking_link = next.anchor && next.brand.is_some_and(Boilerplate::is_booking);
        let l = &lines[i];
        if booking_link
            && l.strip.is_none()
            && l.shape == Shape::Text
            && l.absorb != Absorb::No
            && asks(&l.text)
        {
            lines[i].strip_as(Boilerplate::Booking);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_lines() {
        for line in [
            "(US) +1 415-555-0100 PIN: 123 456 789#",
            "+16465588656,,81234567890#,,,,*123456# US (New York)",
            "+1 646 558 8656 US (New York)",
            "877 853 5257 US Toll-free",
            "+1 323-555-0100,,123456789# United States, Los Angeles",
            "+1-415-655-0001 US Toll",
            "United States: +1 (571) 317-3122",
            "United States (Toll Free): 1 877 309 2073",
            "United States Toll-Free (1): +1 855-552-4463",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
        for line in [
            "2024 roadmap: we need to agree on the themes",
            "+1 for Alice's proposal, let's adopt it",
            "1234567 users were affected by the outage last week and we need a plan",
            "Q3 review: 2024-2025 (budget)",
            "2025-03-04 kickoff with the vendor",
            "10.00-11.00 intro",
            "20250304 kickoff",
            "Join Zoom Meeting: decide the launch date",
        ] {
            assert!(!is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn lines_with_more_than_boilerplate_are_kept() {
        assert!(is_boilerplate_line("Download Teams | Join on the web"));
        assert!(!is_boilerplate_line(
            "Join Zoom Meeting We will review the vendor proposals for the new observability stack \
             and agree on a shortlist"
        ));
        let line = format!("Meeting ID: 123 {}", "and the real agenda ".repeat(30));
        assert!(!is_boilerplate_line(&line));
        assert!(is_boilerplate_line(
            "IMPORTANT NOTICE: Please note that this Webex service allows audio and other \
             information sent during the session to be recorded, which may be discoverable in a \
             legal matter. By joining this session, you automatically consent to such recordings."
        ));
    }

    fn stripped(line: &str) -> bool {
        analyse(line, &mut |_| {}).strip.is_some()
    }

    #[test]
    fn ids_and_codes_in_any_language() {
        for line in [
            "Meeting ID: 938 1234 5670",
            "Besprechungs-ID: 371 519 285 955",
            "ID de réunion : 938 1234 5670",
            "ID da reunião: 938 1234 5670",
            "会議 ID: 226 316 127 041 374",
            "226 316 127 041 374",
            "Kenncode: 551902",
            "Code secret : q2Lm8N",
            "Código de acceso: 7hQ4pZ",
            "パスコード: n7xEhaa",
            "Mot de passe de la réunion : tPm3Gx9Vq2a (87634893 à partir des téléphones)",
            "Composez 26331184907@acme.webex.com",
            "Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/1>",
            "Rejoindre la réunion <https://acme.webex.com/acme/j.php?MTID=m1>",
            "Mötes-ID: 803 3650 2021",
            "회의 ID: 823 6870 3439",
            "或拨号: (HK) +852 5808 4711 PIN: 124 116 396#",
            "日本: +81 3-4510-7000",
        ] {
            assert!(stripped(line), "{line}");
        }
        for line in [
            "Cel: +15% konwersji do końca Q3",
            "Budget: 1 000 000",
            "Goal: Q3",
            "Sprint planning: https://zoom.us/j/1",
            "We will decide the owner https://zoom.us/j/1",
        ] {
            assert!(!stripped(line), "{line}");
        }
    }

    fn clean(text: &str) -> Vec<String> {
        let mut lines: Vec<Line> = text.lines().map(|l| analyse(l, &mut |_| {})).collect();
        absorb(&mut lines);
        lines
            .into_iter()
            .filter(|l| l.strip.is_none() && l.shape == Shape::Text)
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn captions_open_groups_of_block_lines() {
        // Swedish, Polish and Korean captions between a block's lines go with it.
        for caption in [
            "Ring beroende på din plats",
            "Wybierz numer według swojej lokalizacji",
            "사용자 위치에 따라 전화 걸기",
        ] {
            let text = format!(
                "Mötes-ID: 803 3650 2021\nLösenord: 211550\n\n{caption}\n+46 8 4468 2488 Sverige"
            );
            assert_eq!(clean(&text), Vec::<String>::new(), "{caption}");
        }
        // A topic there is no caption: it has no join word, or no block above it.
        let text = "Mötes-ID: 803 3650 2021\n\nLease renewal for Kraków\n+46 8 4468 2488 Sverige";
        assert_eq!(clean(text), ["Lease renewal for Kraków"]);
        let text = "Demo aplikacji mobilnej\n+48 22 398 7356 Polska";
        assert_eq!(clean(text), ["Demo aplikacji mobilnej"]);
    }

    #[test]
    fn join_lines_in_unspaced_scripts() {
        // Korean endings and Chinese function characters are neutral in a join line.
        for line in [
            "모바일 장치에서 참여하려면 누르십시오(참석자만)",
            "点击以从移动设备加入（仅限参加者）",
        ] {
            let text = format!("{line}\n+82-2-6226-5670,,28448764063#02538326# 대한민국 Toll");
            assert_eq!(clean(&text), Vec::<String>::new(), "{line}");
        }
        // A topic with a join word in it is no join line.
        let text = "视频系统升级\n+86 10 8783 3177";
        assert_eq!(clean(text), ["视频系统升级"]);
    }

    #[test]
    fn fences_and_separators() {
        assert!(is_google_fence(
            "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-"
        ));
        assert!(!is_google_fence("-::-"));
        assert!(is_separator("________________________________________"));
        assert!(is_separator("──────────"));
        assert!(!is_separator("- item"));
    }
}
