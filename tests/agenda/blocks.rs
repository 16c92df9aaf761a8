//! Conferencing and booking blocks as the tools write them, in the languages focusd knows,
//! with their numbers and codes as parameters; and parts of descriptions without an agenda.
//! For the property tests in `tests/agenda.rs`.

/// The numbers and codes a block carries.
#[derive(Debug, Clone)]
pub struct Ids {
    /// Eleven digits (a Zoom or Webex meeting number).
    pub meeting: String,
    /// Twelve digits (a Teams meeting id).
    pub teams: String,
    /// A passcode of letters and digits.
    pub code: String,
    /// Six digits.
    pub pin: String,
    /// The organizer's name.
    pub name: String,
}

fn spaced(digits: &str, groups: &[usize]) -> String {
    let mut out = Vec::new();
    let mut rest = digits;
    for &g in groups {
        let (head, tail) = rest.split_at(g.min(rest.len()));
        out.push(head);
        rest = tail;
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out.join(" ")
}

/// The languages the blocks come in.
pub const LANGUAGES: [&str; 12] = [
    "en", "de", "fr", "es", "pt", "ja", "sv", "pl", "ko", "zh", "it", "nl",
];

/// A Zoom invitation as Zoom's "copy invitation" writes it.
pub fn zoom(lang: &str, ids: &Ids, topic: Option<&str>) -> String {
    let m = spaced(&ids.meeting, &[3, 4, 4]);
    let (intro, topic_label, time_label, when, join, id, pw, tap, dial, find) = match lang {
        "de" => (
            format!("{} lädt Sie zu einem geplanten Zoom-Meeting ein.", ids.name),
            "Thema",
            "Uhrzeit",
            "4.März.2025 10:00 AM Amsterdam, Berlin, Rom, Stockholm, Wien",
            "Zoom-Meeting beitreten",
            "Meeting-ID",
            "Kenncode",
            "Schnelleinwahl mobil",
            "Einwahl nach aktuellem Standort",
            "Ortseinwahl suchen",
        ),
        "fr" => (
            format!("{} vous invite à une réunion Zoom planifiée.", ids.name),
            "Sujet",
            "Heure",
            "4 mars 2025 10:00 AM Paris",
            "Participer à la réunion Zoom",
            "ID de réunion",
            "Code secret",
            "Une seule touche sur l’appareil mobile",
            "Composez un numéro en fonction de votre emplacement",
            "Trouvez votre numéro local",
        ),
        "es" => (
            format!(
                "{} le está invitando a una reunión de Zoom programada.",
                ids.name
            ),
            "Tema",
            "Hora",
            "4 mar 2025 10:00 AM Madrid",
            "Unirse a la reunión Zoom",
            "ID de reunión",
            "Código de acceso",
            "Móvil con un toque",
            "Marcar según su ubicación",
            "Buscar su número local",
        ),
        "pt" => (
            format!(
                "{} está convidando você para uma reunião Zoom agendada.",
                ids.name
            ),
            "Tópico",
            "Horário",
            "4 mar. 2025 10:00 AM São Paulo",
            "Ingressar na reunião Zoom",
            "ID da reunião",
            "Senha",
            "Toque em dispositivo móvel",
            "Disque pelo seu local",
            "Encontre seu número local",
        ),
        "ja" => (
            format!(
                "{}さんがあなたを予約されたZoomミーティングに招待しています。",
                ids.name
            ),
            "トピック",
            "時間",
            "2025年3月4日 10:00 AM 大阪、札幌、東京",
            "Zoomミーティングに参加する",
            "ミーティングID",
            "パスコード",
            "ワンタップモバイル",
            "所在地のダイヤル",
            "市外局番を調べる",
        ),
        "sv" => (
            format!("{} bjuder in dig till ett schemalagt Zoom-möte.", ids.name),
            "Ämne",
            "Tid",
            "4 mars 2025 10:00 AM Stockholm",
            "Anslut till Zoom-möte",
            "Mötes-ID",
            "Lösenord",
            "Mobil med ett tryck",
            "Ring beroende på din plats",
            "Hitta ditt lokala nummer",
        ),
        "pl" => (
            format!("{} zaprasza Cię na zaplanowane spotkanie Zoom.", ids.name),
            "Temat",
            "Czas",
            "4 mar 2025 10:00 AM Warszawa",
            "Dołącz do spotkania Zoom",
            "Identyfikator spotkania",
            "Kod dostępu",
            "Jedno dotknięcie na urządzeniu przenośnym",
            "Wybierz numer według swojej lokalizacji",
            "Znajdź swój numer lokalny",
        ),
        "ko" => (
            format!("{}이(가) 예약된 Zoom 회의에 귀하를 초대합니다.", ids.name),
            "주제",
            "시간",
            "2025년 3월 4일 10:00 오전 서울",
            "Zoom 회의 참가",
            "회의 ID",
            "암호",
            "원탭 모바일",
            "사용자 위치에 따라 전화 걸기",
            "내 지역 번호 찾기",
        ),
        "zh" => (
            format!("{} 正在邀请您参加预定的 Zoom 会议。", ids.name),
            "主题",
            "时间",
            "2025年3月4日 10:00 上午 北京，上海",
            "加入 Zoom 会议",
            "会议号",
            "密码",
            "手机一键拨号",
            "根据您的位置拨号",
            "查找本地号码",
        ),
        "it" => (
            format!(
                "{} ti sta invitando a una riunione Zoom programmata.",
                ids.name
            ),
            "Argomento",
            "Ora",
            "4 mar 2025 10:00 AM Roma",
            "Entra nella riunione Zoom",
            "ID riunione",
            "Passcode",
            "Un tocco su dispositivo mobile",
            "Componi in base alla tua località",
            "Trova il tuo numero locale",
        ),
        "nl" => (
            format!(
                "{} nodigt u uit voor een geplande Zoom-vergadering.",
                ids.name
            ),
            "Onderwerp",
            "Tijd",
            "4 mrt 2025 10:00 AM Amsterdam",
            "Deelnemen aan Zoom-vergadering",
            "Vergadering-ID",
            "Toegangscode",
            "Eén tik mobiel",
            "Bellen op basis van uw locatie",
            "Zoek uw lokale nummer",
        ),
        _ => (
            format!("{} is inviting you to a scheduled Zoom meeting.", ids.name),
            "Topic",
            "Time",
            "Mar 4, 2025 10:00 AM Pacific Time (US and Canada)",
            "Join Zoom Meeting",
            "Meeting ID",
            "Passcode",
            "One tap mobile",
            "Dial by your location",
            "Find your local number",
        ),
    };
    let mut out = vec![intro, String::new()];
    if let Some(t) = topic {
        out.push(format!("{topic_label}: {t}"));
        out.push(format!("{time_label}: {when}"));
        out.push(String::new());
    }
    out.extend([
        join.to_owned(),
        format!("https://acme.zoom.us/j/{}?pwd={}", ids.meeting, ids.code),
        String::new(),
        format!("{id}: {m}"),
        format!("{pw}: {}", ids.pin),
        tap.to_owned(),
        format!(
            "+16699006833,,{}#,,,,*{}# US (San Jose)",
            ids.meeting, ids.pin
        ),
        String::new(),
        dial.to_owned(),
        "        +1 669 900 6833 US (San Jose)".to_owned(),
        "        888 788 0099 US Toll-free".to_owned(),
        format!("{id}: {m}"),
        format!("{pw}: {}", ids.pin),
        format!("{find}: https://acme.zoom.us/u/{}", ids.code),
    ]);
    out.join("\n")
}

/// A Teams block between its underscore rules.
pub fn teams(lang: &str, ids: &Ids) -> String {
    let (title, on, click, id, pw, call, conf, more, opts) = match lang {
        "de" => (
            "Microsoft Teams-Besprechung",
            "Nehmen Sie von Ihrem Computer, Ihrer mobilen App oder Ihrem Raumgerät aus teil.",
            "Klicken Sie hier, um an der Besprechung teilzunehmen",
            "Besprechungs-ID",
            "Kenncode",
            "Oder rufen Sie an (nur Audio)",
            "Telefonkonferenz-ID",
            "Weitere Infos",
            "Besprechungsoptionen",
        ),
        "fr" => (
            "Réunion Microsoft Teams",
            "Rejoindre sur votre ordinateur, application mobile ou appareil de salle",
            "Cliquez ici pour participer à la réunion",
            "ID de la réunion",
            "Code secret",
            "Ou appelez (audio seulement)",
            "ID de conférence téléphonique",
            "En savoir plus",
            "Options de réunion",
        ),
        "es" => (
            "Reunión de Microsoft Teams",
            "Únase a través de su ordenador, aplicación móvil o dispositivo de sala",
            "Haga clic aquí para unirse a la reunión",
            "Id. de reunión",
            "Código de acceso",
            "O llame (solo audio)",
            "Id. de conferencia telefónica",
            "Más información",
            "Opciones de reunión",
        ),
        "pt" => (
            "Reunião do Microsoft Teams",
            "Ingressar no seu computador, aplicativo móvel ou dispositivo de sala",
            "Clique aqui para ingressar na reunião",
            "ID da Reunião",
            "Senha",
            "Ou ligue (somente áudio)",
            "ID da Conferência Telefônica",
            "Saiba mais",
            "Opções de reunião",
        ),
        "ja" => (
            "Microsoft Teams 会議",
            "コンピュータ、モバイル アプリケーション、またはルーム デバイスで参加する",
            "ここをクリックして会議に参加してください",
            "会議 ID",
            "パスコード",
            "または電話をかける (音声のみ)",
            "電話会議 ID",
            "詳細情報",
            "会議のオプション",
        ),
        "sv" => (
            "Microsoft Teams-möte",
            "Anslut på din dator, mobilapp eller rumsenhet",
            "Klicka här för att ansluta till mötet",
            "Mötes-ID",
            "Lösenord",
            "Eller ring in (endast ljud)",
            "Telefonkonferens-ID",
            "Läs mer",
            "Mötesalternativ",
        ),
        "pl" => (
            "Spotkanie w aplikacji Microsoft Teams",
            "Dołącz na komputerze, w aplikacji mobilnej lub na urządzeniu w pokoju",
            "Kliknij tutaj, aby dołączyć do spotkania",
            "Identyfikator spotkania",
            "Kod dostępu",
            "Lub zadzwoń (tylko audio)",
            "Identyfikator konferencji telefonicznej",
            "Dowiedz się więcej",
            "Opcje spotkania",
        ),
        "ko" => (
            "Microsoft Teams 모임",
            "컴퓨터, 모바일 앱 또는 회의실 장치에서 참가",
            "모임에 참가하려면 여기를 클릭하세요.",
            "모임 ID",
            "암호",
            "또는 전화 걸기(오디오만)",
            "전화 회의 ID",
            "자세한 정보",
            "모임 옵션",
        ),
        "zh" => (
            "Microsoft Teams 会议",
            "在计算机、移动应用或会议室设备上加入",
            "单击此处加入会议",
            "会议 ID",
            "密码",
            "或拨打电话(仅音频)",
            "电话会议 ID",
            "了解详细信息",
            "会议选项",
        ),
        "it" => (
            "Riunione di Microsoft Teams",
            "Partecipa da computer, app per dispositivi mobili o dispositivo della stanza",
            "Fai clic qui per partecipare alla riunione",
            "ID riunione",
            "Passcode",
            "Oppure chiama (solo audio)",
            "ID conferenza telefonica",
            "Altre informazioni",
            "Opzioni riunione",
        ),
        "nl" => (
            "Microsoft Teams-vergadering",
            "Deelnemen op uw computer, mobiele app of apparaat in de ruimte",
            "Klik hier om deel te nemen aan de vergadering",
            "Vergadering-ID",
            "Wachtwoord",
            "Of bel in (alleen audio)",
            "Telefonische vergadering-ID",
            "Meer informatie",
            "Vergaderopties",
        ),
        _ => (
            "Microsoft Teams meeting",
            "Join on your computer, mobile app or room device",
            "Click here to join the meeting",
            "Meeting ID",
            "Passcode",
            "Or call in (audio only)",
            "Phone Conference ID",
            "Learn More",
            "Meeting options",
        ),
    };
    let rule = "_".repeat(80);
    [
        rule.clone(),
        title.to_owned(),
        on.to_owned(),
        format!(
            "{click}<https://teams.microsoft.com/l/meetup-join/19%3ameeting_{}%40thread.v2/0>",
            ids.code
        ),
        format!("{id}: {}", spaced(&ids.teams, &[3, 3, 3, 3])),
        format!("{pw}: {}", ids.code),
        call.to_owned(),
        format!(
            "+1 425-555-0199,,{}#<tel:+14255550199,,{}#>   United States, Seattle",
            ids.pin, ids.pin
        ),
        format!("{conf}: {} {}#", &ids.pin[..3], &ids.pin[3..]),
        format!(
            "{more}<https://aka.ms/JoinTeamsMeeting> | {opts}<https://teams.microsoft.com/meetingOptions/?organizerId={}>",
            ids.code
        ),
        rule,
    ]
    .join("\n")
}

/// Google's Meet block inside its fence.
pub fn meet(lang: &str, ids: &Ids) -> String {
    let (join, dial, more, learn, noedit) = match lang {
        "de" => (
            "Mit Google Meet teilnehmen",
            "Telefonisch teilnehmen",
            "Weitere Telefonnummern",
            "Weitere Informationen zu Meet",
            "Bitte ändern Sie diesen Abschnitt nicht.",
        ),
        "fr" => (
            "Participer avec Google Meet",
            "Ou appelez le",
            "Autres numéros de téléphone",
            "En savoir plus sur Meet",
            "Veuillez ne pas modifier cette section.",
        ),
        "es" => (
            "Unirse con Google Meet",
            "O marca el",
            "Más números de teléfono",
            "Más información sobre Meet",
            "No edites esta sección.",
        ),
        "pt" => (
            "Participar com o Google Meet",
            "Ou disque",
            "Mais números de telefone",
            "Saiba mais sobre o Meet",
            "Não edite esta seção.",
        ),
        "ja" => (
            "Google Meet に参加する",
            "または電話で参加",
            "その他の電話番号",
            "Meet の詳細",
            "このセクションは編集しないでください。",
        ),
        "sv" => (
            "Anslut med Google Meet",
            "Eller ring",
            "Fler telefonnummer",
            "Läs mer om Meet på",
            "Redigera inte det här avsnittet.",
        ),
        "pl" => (
            "Dołącz przez Google Meet",
            "Lub wybierz numer",
            "Więcej numerów telefonów",
            "Więcej informacji o Meet",
            "Nie edytuj tej sekcji.",
        ),
        "ko" => (
            "Google Meet으로 참여",
            "또는 전화 걸기",
            "전화번호 더보기",
            "Meet에 관해 자세히 알아보기",
            "이 섹션은 수정하지 마세요.",
        ),
        "zh" => (
            "使用 Google Meet 加入",
            "或拨号",
            "更多电话号码",
            "详细了解 Meet",
            "请勿修改此部分。",
        ),
        "it" => (
            "Partecipa con Google Meet",
            "Oppure componi",
            "Altri numeri di telefono",
            "Scopri di più su Meet",
            "Non modificare questa sezione.",
        ),
        "nl" => (
            "Deelnemen met Google Meet",
            "Of bel",
            "Meer telefoonnummers",
            "Meer informatie over Meet",
            "Bewerk dit gedeelte niet.",
        ),
        _ => (
            "Join with Google Meet",
            "Or dial",
            "More phone numbers",
            "Learn more about Meet at",
            "Please do not edit this section.",
        ),
    };
    let fence = "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-";
    [
        fence.to_owned(),
        format!("{join}: https://meet.google.com/abc-defg-hij"),
        format!(
            "{dial}: (US) +1 252-555-0147 PIN: {}#",
            spaced(&ids.meeting[..9], &[3, 3, 3])
        ),
        format!("{more}: https://tel.meet/abc-defg-hij?pin={}", ids.meeting),
        String::new(),
        format!("{learn}: https://support.google.com/a/users/answer/9282720"),
        String::new(),
        noedit.to_owned(),
        fence.to_owned(),
    ]
    .join("\n")
}

/// A Webex block (in the languages below; others get the English one).
pub fn webex(lang: &str, ids: &Ids) -> String {
    let n = spaced(&ids.meeting, &[4, 3, 4]);
    let lines: [&str; 8] = match lang {
        "fr" => [
            "-- Ne supprimez pas et ne modifiez pas le texte suivant. --",
            "Au moment venu, rejoignez la réunion Webex ici.",
            "Numéro de la réunion (code d'accès)",
            "Mot de passe de la réunion",
            "Rejoindre la réunion",
            "Rejoindre par téléphone",
            "Rejoindre depuis un système vidéo ou une application",
            "Composez",
        ],
        "de" => [
            "-- Löschen oder ändern Sie den folgenden Text nicht. --",
            "Treten Sie dem Webex-Meeting hier bei, wenn es so weit ist.",
            "Meeting-Kennnummer (Zugriffscode)",
            "Meeting-Passwort",
            "Meeting beitreten",
            "Über Telefon beitreten",
            "Über ein Videosystem oder eine Anwendung beitreten",
            "Wählen Sie",
        ],
        "sv" => [
            "-- Ta inte bort eller ändra någon av följande text. --",
            "När det är dags, anslut till Webex-mötet här.",
            "Mötesnummer (åtkomstkod)",
            "Möteslösenord",
            "Anslut till mötet",
            "Anslut via telefon",
            "Anslut från ett videosystem eller program",
            "Ring",
        ],
        "pl" => [
            "-- Nie usuwaj ani nie zmieniaj poniższego tekstu. --",
            "Gdy nadejdzie czas, dołącz do spotkania Webex tutaj.",
            "Numer spotkania (kod dostępu)",
            "Hasło spotkania",
            "Dołącz do spotkania",
            "Dołącz przez telefon",
            "Dołącz z systemu wideo lub aplikacji",
            "Wybierz",
        ],
        "ko" => [
            "-- 다음 텍스트를 삭제하거나 변경하지 마십시오. --",
            "시간이 되면 여기에서 Webex 미팅에 참여하십시오.",
            "미팅 번호(액세스 코드)",
            "미팅 비밀번호",
            "미팅 참여",
            "전화로 참여",
            "비디오 시스템 또는 애플리케이션에서 참여",
            "다이얼",
        ],
        "zh" => [
            "-- 请勿删除或更改以下任何文本。 --",
            "时间到时，请在此处加入 Webex 会议。",
            "会议号（访问码）",
            "会议密码",
            "加入会议",
            "通过电话加入",
            "从视频系统或应用程序加入",
            "拨打",
        ],
        "it" => [
            "-- Non eliminare né modificare il testo seguente. --",
            "Quando è il momento, partecipa alla riunione Webex qui.",
            "Numero riunione (codice di accesso)",
            "Password riunione",
            "Partecipa alla riunione",
            "Partecipa tramite telefono",
            "Partecipa da un sistema video o un'applicazione",
            "Componi",
        ],
        "nl" => [
            "-- Verwijder of wijzig de volgende tekst niet. --",
            "Neem hier deel aan de Webex-vergadering wanneer het zover is.",
            "Vergadernummer (toegangscode)",
            "Wachtwoord vergadering",
            "Deelnemen aan vergadering",
            "Deelnemen via telefoon",
            "Deelnemen vanaf een videosysteem of toepassing",
            "Bel",
        ],
        _ => [
            "-- Do not delete or change any of the following text. --",
            "When it's time, join the Webex meeting here.",
            "Meeting number (access code)",
            "Meeting password",
            "Join meeting",
            "Join by phone",
            "Join from a video system or application",
            "Dial",
        ],
    };
    [
        lines[0].to_owned(),
        String::new(),
        lines[1].to_owned(),
        String::new(),
        format!("{}: {n}", lines[2]),
        format!("{}: {}", lines[3], ids.code),
        String::new(),
        format!(
            "{} <https://acme.webex.com/acme/j.php?MTID=m{}>",
            lines[4], ids.code
        ),
        String::new(),
        lines[5].to_owned(),
        "+1-415-655-0001 US Toll".to_owned(),
        String::new(),
        lines[6].to_owned(),
        format!("{} {}@acme.webex.com", lines[7], ids.meeting),
    ]
    .join("\n")
}

/// A Calendly booking notice without the invitee's answers.
pub fn calendly(lang: &str, ids: &Ids) -> String {
    let uid = format!("{}-{}", ids.code.to_lowercase(), ids.pin);
    match lang {
        "fr" => format!(
            "Nom d'événement : 30 minutes\n\nEmplacement : Il s'agit d'une conférence web Google Meet.\n\
             Vous pouvez participer à cette réunion depuis votre ordinateur, votre tablette ou votre smartphone.\n\
             https://calendly.com/events/{uid}/google_meet\n\nBesoin de modifier cet événement ?\n\
             Annuler : https://calendly.com/cancellations/{uid}\nReprogrammer : https://calendly.com/reschedulings/{uid}\n\n\
             Alimenté par Calendly.com"
        ),
        "es" => format!(
            "Nombre del evento: 30 minutos\n\nUbicación: Esta es una conferencia web de Zoom.\n\
             Puede unirse a esta reunión desde su ordenador, tableta o smartphone.\n\
             https://calendly.com/events/{uid}/zoom\n\n¿Necesita hacer cambios en este evento?\n\
             Cancelar: https://calendly.com/cancellations/{uid}\nReprogramar: https://calendly.com/reschedulings/{uid}\n\n\
             Con la tecnología de Calendly.com"
        ),
        "pl" => format!(
            "Nazwa wydarzenia: Konsultacja 30 min\n\nLokalizacja: To jest konferencja internetowa Google Meet.\n\
             Możesz dołączyć do tego spotkania z komputera, tabletu lub smartfona.\n\
             https://calendly.com/events/{uid}/google_meet\n\nChcesz wprowadzić zmiany w tym wydarzeniu?\n\
             Anuluj: https://calendly.com/cancellations/{uid}\nZmień termin: https://calendly.com/reschedulings/{uid}\n\n\
             Obsługiwane przez Calendly.com"
        ),
        "it" => format!(
            "Nome evento: Consulenza 30 minuti\n\nLuogo: Questa è una conferenza web Zoom.\n\
             Puoi partecipare a questa riunione dal tuo computer, tablet o smartphone.\n\
             https://calendly.com/events/{uid}/zoom\n\nDevi apportare modifiche a questo evento?\n\
             Annulla: https://calendly.com/cancellations/{uid}\nRiprogramma: https://calendly.com/reschedulings/{uid}\n\n\
             Offerto da Calendly.com"
        ),
        "nl" => format!(
            "Naam evenement: Kennismakingsgesprek\n\nLocatie: Dit is een Google Meet-webconferentie.\n\
             https://calendly.com/events/{uid}/google_meet\n\nWil je wijzigingen aanbrengen in dit evenement?\n\
             Annuleren: https://calendly.com/cancellations/{uid}\nOpnieuw plannen: https://calendly.com/reschedulings/{uid}\n\n\
             Mogelijk gemaakt door Calendly.com"
        ),
        "pt" => format!(
            "Nome do evento: Reunião de 30 minutos\n\nLocal: Esta é uma conferência web do Google Meet.\n\
             Você pode participar desta reunião pelo computador, tablet ou smartphone.\n\
             https://calendly.com/events/{uid}/google_meet\n\nPrecisa fazer alterações neste evento?\n\
             Cancelar: https://calendly.com/cancellations/{uid}\nReagendar: https://calendly.com/reschedulings/{uid}\n\n\
             Desenvolvido por Calendly.com"
        ),
        _ => format!(
            "Event Name: 30 Minute Meeting\n\nLocation: This is a Google Meet web conference.\n\
             You can join this meeting from your computer, tablet, or smartphone.\n\
             https://calendly.com/events/{uid}/google_meet\n\nNeed to make changes to this event?\n\
             Cancel: https://calendly.com/cancellations/{uid}\nReschedule: https://calendly.com/reschedulings/{uid}\n\n\
             Powered by Calendly.com"
        ),
    }
}

/// Every kind of block, in `lang`.
pub fn any_block(kind: usize, lang: &str, ids: &Ids) -> String {
    match kind % 6 {
        0 => zoom(lang, ids, None),
        1 => zoom(lang, ids, Some("Weekly sync")),
        2 => teams(lang, ids),
        3 => meet(lang, ids),
        4 => webex(lang, ids),
        _ => calendly(lang, ids),
    }
}

/// Lines that say nothing about a meeting's purpose: small talk, greetings, placeholders,
/// empty headings, logistics, in several languages.
pub const AGENDA_LESS: &[&str] = &[
    "Hi all,",
    "Hello team,",
    "Quick sync",
    "Let's catch up!",
    "Coffee chat :)",
    "See you there!",
    "Weekly 1:1",
    "Agenda: TBD",
    "Details to follow.",
    "Placeholder, agenda to follow.",
    "Agenda:",
    "Notes:",
    "Action items:",
    "1.",
    "Moved to Thursday.",
    "Thanks!",
    "Hallo zusammen,",
    "Kurzer Austausch",
    "Agenda folgt.",
    "Tagesordnung:",
    "Bonjour à tous,",
    "Petit point rapide",
    "Ordre du jour : à définir",
    "Hola equipo,",
    "Charla rápida",
    "Agenda: por definir",
    "Olá pessoal,",
    "Bate-papo rápido",
    "Pauta: a definir",
    "お疲れ様です。",
    "議題：未定",
    "よろしくお願いします。",
    "☕",
    "Hej allihop!",
    "Preliminärt. Mer information kommer.",
    "Dagordning:",
    "Dzień dobry,",
    "Agenda: do ustalenia",
    "Porządek obrad:",
    "안녕하세요 여러분,",
    "안건: 미정",
    "议程：",
    "议程待定，稍后补充。",
    "Ciao a tutti,",
    "Ordine del giorno: da definire",
    "Hoi allemaal,",
    "Agenda: nog te bepalen",
];

/// Signatures (the last part of a description).
pub const SIGNATURES: &[&str] = &[
    "Thanks,\nRachel",
    "Best,\nTom Becker\nEngineering Manager | Platform\n+1 415 555 0134",
    "Viele Grüße\nJonas Weber",
    "Cordialement,\nCamille Laurent",
    "--\nSam Ortiz\nStaff Engineer, Payments",
    "Sent from my iPhone",
    "Med vänliga hälsningar\nAnna Lind\nProjektledare, IT-avdelningen\nTel: +46 8 555 014 34",
    "Pozdrawiam\nTomasz Nowak",
    "감사합니다.\n\n김민준 드림\n선임 매니저 | 플랫폼팀",
    "此致\n敬礼\n\n王伟\n产品经理 | 平台事业部\n电话：+86 21 5555 0134",
    "Cordiali saluti,\n\nMarta Rossi\nResponsabile Acquisti\nTel. +39 02 5555 0134",
    "Met vriendelijke groet,\nJan de Vries",
];

/// Sentences of substance, in several languages: each one alone is an agenda.
pub const SUBSTANTIVE: &[&str] = &[
    "Decide whether we ship the beta on the 14th.",
    "Review the Q3 hiring plan.",
    "Kafka vs Pulsar for the event bus",
    "Can we drop IE11 support this quarter?",
    "Follow-up on PLAT-2291",
    "(1) budget (2) hiring (3) offsite",
    "We'll cover: pricing, support hours and the launch checklist.",
    "The nightly ETL fails on Sundays and nobody owns it.",
    "Marketing wants the launch moved to the conference week.",
    "Office move",
    "Discuss goals for next year",
    "Wir entscheiden über den Hosting-Anbieter.",
    "Valider le budget 2026.",
    "Revisar el presupuesto de marketing.",
    "Definir o escopo da versão 2.0.",
    "来週のリリースに向けて優先順位を決めます。",
    "Обсудим бюджет на следующий год.",
    "讨论下季度的产品路线图",
    "Vi bestämmer leverantör för molntjänsten.",
    "Omówimy budżet działu na przyszły rok.",
    "3분기 예산안을 확정합니다.",
    "确定新版本的发布日期和负责人",
    "Rivediamo il piano di assunzioni del secondo semestre.",
    "We kiezen de nieuwe leverancier voor de kantoorverhuizing.",
    "Pre-read: https://docs.google.com/document/d/1AbC/edit",
];
