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
pub const LANGUAGES: [&str; 6] = ["en", "de", "fr", "es", "pt", "ja"];

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

/// A Webex block (English, French or German; other languages get the English one).
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
];

/// Signatures (the last part of a description).
pub const SIGNATURES: &[&str] = &[
    "Thanks,\nRachel",
    "Best,\nTom Becker\nEngineering Manager | Platform\n+1 415 555 0134",
    "Viele Grüße\nJonas Weber",
    "Cordialement,\nCamille Laurent",
    "--\nSam Ortiz\nStaff Engineer, Payments",
    "Sent from my iPhone",
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
    "Pre-read: https://docs.google.com/document/d/1AbC/edit",
];
