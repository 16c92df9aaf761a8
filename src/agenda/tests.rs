use super::*;

fn desc(description: &str) -> EventDetails {
    EventDetails {
        summary: "Weekly sync".into(),
        description: description.into(),
        ..EventDetails::default()
    }
}

fn evidence(details: &EventDetails) -> Option<Evidence> {
    detect(details).evidence
}

const MEET: &str = "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\n\
Join with Google Meet: https://meet.google.com/abc-defg-hij\n\
Or dial: (US) +1 415-555-0100 PIN: 123456789#\n\
More phone numbers: https://tel.meet/abc-defg-hij?pin=123456789\n\
\n\
Learn more about Meet at: https://support.google.com/a/users/answer/9282720\n\
\n\
Please do not edit this section.\n\
-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-";

const MEET_EMAIL: &str = "Join with Google Meet\nmeet.google.com/abc-defg-hij\n\n\
Join by phone\n(US) +1 415-555-0100\nPIN: 123 456 789#\n\nMore phone numbers\n\n\
Invitation from Google Calendar: https://calendar.google.com/calendar/\n\n\
You are receiving this email because you are an attendee on the event. To stop receiving \
future updates for this event, decline this event.\n\n\
Forwarding this invitation could allow any recipient to send a response to the organizer, \
be added to the guest list, invite others regardless of their own invitation status,\n\
or modify your RSVP.\n\nLearn more https://support.google.com/calendar/answer/37135#forwarding";

const ZOOM: &str = "Alice Example is inviting you to a scheduled Zoom meeting.\r\n\r\n\
Join Zoom Meeting\r\nhttps://us02web.zoom.us/j/81234567890?pwd=abcDEF\r\n\r\n\
Meeting ID: 812 3456 7890\r\nPasscode: 123456\r\nOne tap mobile\r\n\
+16465588656,,81234567890#,,,,*123456# US (New York)\r\n\
+13017158592,,81234567890#,,,,*123456# US (Washington DC)\r\n\r\n\
Dial by your location\r\n        +1 646 558 8656 US (New York)\r\n\
        +1 301 715 8592 US (Washington DC)\r\n        877 853 5257 US Toll-free\r\n\
Meeting ID: 812 3456 7890\r\nPasscode: 123456\r\n\
Find your local number: https://us02web.zoom.us/u/kabc\r\n\r\n\
Join by SIP\r\n81234567890@zoomcrc.com\r\n\r\nJoin by H.323\r\n162.255.37.11 (US West)\r\n\
162.255.36.11 (US East)\r\nMeeting ID: 812 3456 7890\r\nPasscode: 123456\r\n";

const TEAMS: &str = "________________________________________________________________________________\n\
Microsoft Teams meeting\n\
Join on your computer, mobile app or room device\n\
Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ%40thread.v2/0?context=%7b%22Tid%22%7d>\n\
Meeting ID: 123 456 789 012\nPasscode: AbCdEf\n\
Download Teams<https://www.microsoft.com/en-us/microsoft-teams/download-app> | Join on the web<https://www.microsoft.com/microsoft-teams/join-a-meeting>\n\
Join with a video conferencing device\n123456789@t.plcm.vc<mailto:123456789@t.plcm.vc>\n\
Video Conference ID: 123 456 789 1\n\
Alternate VTC instructions<https://dialin.plcm.vc/teams/?key=1&conf=2>\n\
Or call in (audio only)\n\
+1 323-555-0100,,123456789#<tel:+13235550100,,123456789#>   United States, Los Angeles\n\
Phone Conference ID: 123 456 789#\n\
Find a local number<https://dialin.teams.microsoft.com/x> | Reset PIN<https://dialin.teams.microsoft.com/usp/pstnconferencing>\n\
Learn More<https://aka.ms/JoinTeamsMeeting> | Meeting options<https://teams.microsoft.com/meetingOptions/?a=1>\n\
________________________________________________________________________________";

const WEBEX: &str = "-- Do not delete or change any of the following text. --\n\n\
When it's time, join the Webex meeting here.\n\n\
Meeting number (access code): 2345 678 9012\nMeeting password: aBcDeF12345\n\n\
Join meeting <https://acme.webex.com/acme/j.php?MTID=m1234>\n\n\
Tap to join from a mobile device (attendees only)\n+1-415-655-0001,,23456789012## US Toll\n\n\
Join by phone\n+1-415-655-0001 US Toll\nGlobal call-in numbers <https://acme.webex.com/acme/globalcallin.php>\n\n\
Join from a video system or application\nDial 23456789012@acme.webex.com\n\
You can also dial 173.243.2.68 and enter your meeting number.\n\n\
Join using Microsoft Lync or Microsoft Skype for Business\nDial 23456789012.acme@lync.webex.com\n\n\
If you are a host, click here <https://acme.webex.com/x> to view host information.\n\n\
Need help? Go to https://help.webex.com";

const GOTO: &str = "Please join my meeting from your computer, tablet or smartphone.\n\
https://meet.goto.com/384729105\n\nYou can also dial in using your phone.\n\
Access Code: 384-729-105\nUnited States: +1 (571) 317-3122\n\n\
Get the app now and be ready when your first meeting starts:\nhttps://meet.goto.com/install";

const CHIME: &str = "Amazon Chime meeting\n\nClick to join the meeting: https://chime.aws/4412985530\n\
Meeting ID: 4412 98 5530\n\
A headset is recommended or you may use your computer's microphone and speakers.\n\n\
Call in using your phone:\nUnited States Toll-Free (1): +1 855-552-4463\n\
International: https://chime.aws/dialinnumbers/\nDial-in attendees must enter the Meeting ID.";

const AGENDA: &str = "Agenda:\n1. Review the Q3 numbers\n2. Decide on the launch date";

#[test]
fn bare_conferencing_boilerplate_is_no_agenda() {
    for (family, text) in [
        ("meet", MEET),
        ("meet e-mail", MEET_EMAIL),
        ("zoom", ZOOM),
        ("teams", TEAMS),
        ("webex", WEBEX),
        ("gotomeeting", GOTO),
        ("chime", CHIME),
    ] {
        let details = desc(text);
        assert_eq!(
            evidence(&details),
            None,
            "{family}: {:?}",
            clean_text(&details)
        );
        assert_eq!(clean_text(&details), "", "{family}");
    }
}

#[test]
fn boilerplate_around_an_agenda_keeps_the_agenda() {
    for text in [MEET, MEET_EMAIL, ZOOM, TEAMS, WEBEX, GOTO, CHIME] {
        let details = desc(&format!("{AGENDA}\n\n{text}"));
        assert_eq!(evidence(&details), Some(Evidence::Heading("Agenda".into())));
        assert_eq!(clean_text(&details), AGENDA);
    }
}

#[test]
fn heading_evidence() {
    let a = detect(&desc("Goals: agree on the migration plan"));
    assert!(a.present);
    assert_eq!(a.evidence, Some(Evidence::Heading("Goals".into())));
    assert_eq!(a.read_ahead, None);
    for placeholder in [
        "Agenda:",
        "Agenda: TBD",
        "Agenda: tbd",
        "Agenda: to follow",
        "Agenda: -",
    ] {
        assert!(!detect(&desc(placeholder)).present, "{placeholder}");
    }
}

#[test]
fn list_item_evidence() {
    assert_eq!(
        evidence(&desc("- pricing\n- hiring")),
        Some(Evidence::ListItems(2))
    );
    // One item is still a topic.
    assert_eq!(
        evidence(&desc("- pricing")),
        Some(Evidence::Text("pricing".into()))
    );
    let html = "<p>Quick one:</p><ul><li>pricing</li><li>hiring</li><li>offsite</li></ul>";
    assert_eq!(evidence(&desc(html)), Some(Evidence::ListItems(3)));
}

#[test]
fn document_link_evidence() {
    let a = detect(&desc("Doc: https://docs.google.com/document/d/1AbC/edit"));
    assert_eq!(
        a.evidence,
        Some(Evidence::DocumentLink("docs.google.com".into()))
    );
    assert_eq!(
        a.read_ahead.as_deref(),
        Some("https://docs.google.com/document/d/1AbC/edit")
    );
    // In an anchor, behind Google's redirect.
    let a = detect(&desc(
        r#"<a href="https://www.google.com/url?q=https://github.com/acme/x/pull/7&amp;sa=D">the PR</a>"#,
    ));
    assert_eq!(
        a.evidence,
        Some(Evidence::DocumentLink("github.com".into()))
    );
    assert_eq!(
        a.read_ahead.as_deref(),
        Some("https://github.com/acme/x/pull/7")
    );
    // In the URL property or the location.
    let mut d = desc("");
    d.urls = vec!["https://www.notion.so/acme/Plan-123".into()];
    assert_eq!(
        evidence(&d),
        Some(Evidence::DocumentLink("notion.so".into()))
    );
    let mut d = desc("");
    d.location = "https://acme.atlassian.net/wiki/spaces/ENG/pages/1".into();
    assert_eq!(
        evidence(&d),
        Some(Evidence::DocumentLink("acme.atlassian.net".into()))
    );
}

#[test]
fn conferencing_links_are_not_documents() {
    let mut d = desc("https://meet.google.com/abc-defg-hij");
    d.urls = vec!["https://us02web.zoom.us/j/1".into()];
    d.location = "https://teams.microsoft.com/l/meetup-join/1".into();
    d.attachments = vec!["https://meet.google.com/abc-defg-hij".into()];
    assert_eq!(
        detect(&d),
        Agenda {
            present: false,
            evidence: None,
            absence: Some(Absence::Boilerplate(vec![Boilerplate::GoogleMeet])),
            read_ahead: None
        }
    );
    assert!(!detect(&desc("https://calendar.google.com/calendar/event?eid=abc")).present);
}

#[test]
fn attachment_evidence() {
    let mut d = desc("");
    d.attachments = vec!["https://drive.google.com/file/d/1x/view".into()];
    let a = detect(&d);
    assert_eq!(
        a.evidence,
        Some(Evidence::Attachment("drive.google.com".into()))
    );
    assert_eq!(
        a.read_ahead.as_deref(),
        Some("https://drive.google.com/file/d/1x/view")
    );
    d.attachments = vec!["Q3 plan.pdf".into()];
    assert_eq!(
        evidence(&d),
        Some(Evidence::Attachment("Q3 plan.pdf".into()))
    );
}

#[test]
fn short_statements_are_agendas() {
    for (text, want) in [
        (
            "We need to choose between the two vendor proposals.",
            Evidence::Decision("choose".into()),
        ),
        (
            "Go/no-go for the launch",
            Evidence::Decision("Go/no-go".into()),
        ),
        ("Should we move to weekly releases?", Evidence::Question),
        (
            "Follow-up on PLAT-2291",
            Evidence::Ticket("PLAT-2291".into()),
        ),
        ("#4411 rollout", Evidence::Ticket("#4411".into())),
        (
            "(1) pricing (2) hiring (3) offsite",
            Evidence::InlineList(3),
        ),
        (
            "Migration status of the billing service",
            Evidence::Text("Migration status of the billing service".into()),
        ),
        ("Обсудим бюджет", Evidence::Text("Обсудим бюджет".into())),
    ] {
        assert_eq!(evidence(&desc(text)), Some(want), "{text}");
    }
    // The title does not count; repeated, a meeting's name says nothing more, and a subject
    // is the organizer's own words.
    let mut d = desc("Weekly sync");
    d.summary = "Weekly sync".into();
    assert_eq!(evidence(&d), None);
    let mut d = desc("Office move");
    d.summary = "Office move".into();
    assert_eq!(evidence(&d), Some(Evidence::Text("Office move".into())));
    let mut d = desc("Quick sync about the launch, thanks!");
    d.summary = "Launch sync".into();
    assert_eq!(evidence(&d), None);
}

#[test]
fn absence_says_what_the_description_was() {
    let absence = |text: &str| detect(&desc(text)).absence.map(|a| a.describe());
    assert_eq!(absence("").as_deref(), Some("the description is empty"));
    assert_eq!(
        absence(TEAMS).as_deref(),
        Some("the description is only a Teams join block")
    );
    assert_eq!(
        absence(&format!("Agenda: TBD\n{ZOOM}")).as_deref(),
        Some("only a placeholder ('TBD')")
    );
    assert_eq!(
        absence(&format!("Quick sync\n{MEET}")).as_deref(),
        Some("only filler ('Quick sync')")
    );
    assert_eq!(
        absence("Agenda:\nNotes:\nAction items:").as_deref(),
        Some("only headings with nothing under them")
    );
    assert_eq!(detect(&desc(AGENDA)).absence, None);
}

#[test]
fn describe_in_words() {
    assert_eq!(
        Evidence::Heading("Agenda".into()).describe(),
        "an 'Agenda' section"
    );
    assert_eq!(
        Evidence::Heading("Purpose".into()).describe(),
        "a 'Purpose' section"
    );
    assert_eq!(Evidence::ListItems(3).describe(), "3 list items");
    assert_eq!(
        Evidence::DocumentLink("docs.google.com".into()).describe(),
        "a document is linked (docs.google.com)"
    );
    assert_eq!(
        Evidence::Attachment("plan.pdf".into()).describe(),
        "a file is attached (plan.pdf)"
    );
    assert_eq!(
        Evidence::InlineList(3).describe(),
        "an inline list (3 items)"
    );
    assert_eq!(
        Evidence::Ticket("ABC-123".into()).describe(),
        "a ticket reference (ABC-123)"
    );
    assert_eq!(
        Evidence::Decision("decide".into()).describe(),
        "a stated decision ('decide')"
    );
    assert_eq!(Evidence::Question.describe(), "a question");
    assert_eq!(
        Absence::Boilerplate(vec![
            Boilerplate::Zoom,
            Boilerplate::DialIn,
            Boilerplate::Signature
        ])
        .describe(),
        "the description is only a Zoom join block and a signature"
    );
}

#[test]
fn html_is_stripped() {
    let d = desc(
        "<html><head><style>p { color: red }</style><script>var agenda = 1;</script></head>\
         <body><p>Hi&nbsp;all,</p><p>Let&#39;s talk &amp; decide<br>tomorrow</p><!-- hidden words --></body></html>",
    );
    assert_eq!(clean_text(&d), "Hi all,\nLet's talk & decide\ntomorrow");
}

#[test]
fn html_description_is_read_too() {
    let mut d = desc(TEAMS);
    d.html_description = Some(format!(
        "<html><body><div><p class=MsoNormal>Agenda:<o:p></o:p></p><ul><li>Budget</li><li>Hiring</li></ul></div>\
         <div>{}</div></body></html>",
        TEAMS.replace('\n', "<br>\n")
    ));
    assert_eq!(evidence(&d), Some(Evidence::Heading("Agenda".into())));
    assert_eq!(clean_text(&d), "Agenda:\n• Budget\n• Hiring");
}

#[test]
fn hostile_input_does_not_break() {
    for text in [
        "<".repeat(10_000),
        "<a href=".repeat(10_000),
        "<!--".repeat(10_000),
        "<script>".repeat(10_000),
        "&#x110000;&#99999999999;&#0;&;&#;&#x;".into(),
        "<div".repeat(10_000) + "Agenda: real",
        "\u{FEFF}\r\r\n\u{2028}é\u{301}中文".into(),
    ] {
        let _ = detect(&desc(&text));
        let _ = clean_text(&desc(&text));
    }
    // An unclosed script or comment keeps its content (precision first).
    assert!(
        detect(&desc(
            "<p>x</p><script>Agenda: decide the launch date and the owner of the release"
        ))
        .present
    );
}

#[test]
fn a_decision_in_zooms_topic_line_is_kept() {
    let text = format!(
        "Dana Whitfield is inviting you to a scheduled Zoom meeting.\n\nTopic: Decide the Q3 budget\n\
         Time: Mar 4, 2025 10:00 AM Pacific Time (US and Canada)\n\n{ZOOM}"
    );
    let mut d = desc(&text);
    d.summary = "Finance".into();
    assert_eq!(
        evidence(&d),
        Some(Evidence::Decision("Decide".into())),
        "{:?}",
        clean_text(&d)
    );
    // The same topic line without a decision is the title Zoom repeats: no agenda.
    let mut d = desc(&text.replace("Decide the Q3 budget", "Finance"));
    d.summary = "Finance".into();
    assert_eq!(evidence(&d), None, "{:?}", clean_text(&d));
}

#[test]
fn lines_in_a_headings_section_name_topics_even_when_they_repeat_the_title() {
    let mut d = desc("Decisions needed:\n- owner for the billing migration\n");
    d.summary = "Billing migration".into();
    assert_eq!(
        detect(&d).evidence,
        Some(Evidence::Heading("Decisions needed".into()))
    );
    // An empty template stays empty: its headings are not each other's content.
    let d = desc("Agenda:\nNotes:\nAction items:\n");
    assert!(detect(&d).evidence.is_none());
    // And a placeholder under a heading stays a placeholder.
    let d = desc("Agenda:\n- TBD\n");
    assert!(detect(&d).evidence.is_none());
}

#[test]
fn a_question_of_the_organizers_above_a_block_is_never_part_of_it() {
    let teams = "________________________________________________________________________________\n\
                 Microsoft Teams 會議\n在您的電腦、行動應用程式或會議室裝置上加入\n\
                 按一下這裡以加入會議<https://teams.microsoft.com/l/meetup-join/19%3ameeting_K7%40thread.v2/0>\n\
                 會議 ID: 498 905 425 720\n密碼: 6tudmb\n\
                 ________________________________________________________________________________";
    let mut d = desc(&format!("我們是否要在 App 內加入會議時間提醒？\n\n{teams}"));
    d.summary = "App 上架".into();
    assert_eq!(detect(&d).evidence, Some(Evidence::Question));
    // The block alone is still only a block.
    assert!(detect(&desc(teams)).evidence.is_none());
}

#[test]
fn a_word_of_unspaced_script_with_digits_is_a_topic_not_a_passcode() {
    let teams = "________________________________________________________________________________\n\
                 Microsoft Teams 会议\n加入: https://teams.microsoft.com/meet/505460177546883?p=Mb\n\
                 会议 ID: 505 460 177 546 883\n密码: WWcBzi7F\n\
                 ________________________________________________________________________________";
    for item in ["618大促复盘", "第3季度预算", "2026年度計画", "3분기OKR"] {
        let d = desc(&format!("{item}\n\n{teams}"));
        assert!(detect(&d).present, "{item}: {:?}", clean_text(&d));
    }
    // A code is still a code.
    assert!(!detect(&desc(&format!("WWcBzi7F\n\n{teams}"))).present);
}

#[test]
fn under_an_agenda_heading_the_titles_unspaced_words_are_a_topic() {
    let mut d = desc("议程：\n1. 618大促复盘\n");
    d.summary = "大促复盘".into();
    assert_eq!(detect(&d).evidence, Some(Evidence::Heading("议程".into())));
    let mut d = desc("議題：\n・2026予算会議\n");
    d.summary = "予算会議".into();
    assert_eq!(detect(&d).evidence, Some(Evidence::Heading("議題".into())));
    // Outside a heading's section, a line that repeats the title is judged by its own
    // words: a subject counts, a meeting's name does not.
    let mut d = desc("大促复盘\n");
    d.summary = "大促复盘".into();
    assert!(detect(&d).present, "{:?}", clean_text(&d));
    let mut d = desc("周会\n");
    d.summary = "周会".into();
    assert!(!detect(&d).present, "{:?}", clean_text(&d));
}

#[test]
fn a_tools_header_with_the_title_is_skipped_unless_the_title_decides() {
    let webex = "\nHosted by Linda Park\n\nJoin from the meeting link\n\
                 https://fabrikam.webex.com/fabrikam/j.php?MTID=m0\n";
    let mut d = desc(&format!("Procurement roadmap{webex}"));
    d.summary = "Procurement roadmap".into();
    assert!(!detect(&d).present, "{:?}", clean_text(&d));
    let mut d = desc(&format!("Decide the 2027 supplier{webex}"));
    d.summary = "Decide the 2027 supplier".into();
    assert!(detect(&d).present, "{:?}", clean_text(&d));
}

/// An invitation from `organizer` titled `summary`: `own` above a signature whose last line
/// is `slogan`.
fn signed(organizer: &str, summary: &str, own: &str, slogan: &str) -> EventDetails {
    EventDetails {
        summary: summary.into(),
        organizer: Some(organizer.into()),
        description: format!(
            "{own}\n\nBest,\n\n--\nOlivia Grant\nHalden & Pryce LLP\nM: +1 646 813 7924\n\
             olivia@halden.example | www.halden.example\n{slogan}\n\n{MEET}"
        ),
        ..EventDetails::default()
    }
}

const SLOGAN: &str = "Your growth, our mission.";

#[test]
fn a_slogan_alone_reads_as_words_of_its_own() {
    assert!(
        detect(&signed(
            "olivia@halden.example",
            "Call",
            "Let's chat",
            SLOGAN
        ))
        .present
    );
}

#[test]
fn a_line_the_organizer_repeats_under_their_signature_is_the_signature() {
    let org = "Olivia@Halden.example";
    let calendar: Vec<EventDetails> = [
        ("Intro", "Hi all, see you there."),
        ("Pricing call", "Thanks for the time!"),
        ("QBR", "Holding the slot."),
    ]
    .iter()
    .map(|(title, own)| signed(org, title, own, SLOGAN))
    .collect();
    let learned = Signatures::learn(&calendar);
    assert_eq!(learned.len(), 1, "{learned:?}");
    // Written otherwise, it is another line.
    let shouting = signed(org, "Catch-up", "Let's chat", "YOUR GROWTH, OUR MISSION.");
    assert!(detect_with(&shouting, &learned).present);
    let next = signed("olivia@halden.example", "Catch-up", "Let's chat", SLOGAN);
    let found = detect_with(&next, &learned);
    assert!(!found.present, "{found:?}");
    // The organizer's own words above the signature are never taken for it.
    let with_topic = signed(org, "Catch-up", "Renewal terms for 2027.", SLOGAN);
    assert!(detect_with(&with_topic, &learned).present);
}

#[test]
fn another_organizers_line_is_not_learned_for_them() {
    let calendar: Vec<EventDetails> = ["Intro", "Pricing call", "QBR"]
        .iter()
        .map(|title| signed("olivia@halden.example", title, title, SLOGAN))
        .collect();
    let learned = Signatures::learn(&calendar);
    assert_eq!(learned.len(), 1, "{learned:?}");
    let colleague = signed("dana@ours.example", "Catch-up", "Let's chat", SLOGAN);
    assert!(detect_with(&colleague, &learned).present);
}

#[test]
fn a_line_that_recurs_under_one_title_is_that_meetings_topic() {
    // A series re-sent with new notes, or one meeting moved three times.
    let calendar: Vec<EventDetails> = ["Hi", "Hello", "Moved, sorry"]
        .iter()
        .map(|own| {
            signed(
                "olivia@halden.example",
                "Fabrikam",
                own,
                "Fabrikam renewal pricing",
            )
        })
        .collect();
    let learned = Signatures::learn(&calendar);
    assert!(learned.is_empty(), "{learned:?}");
    let next = signed(
        "olivia@halden.example",
        "Fabrikam",
        "Hi",
        "Fabrikam renewal pricing",
    );
    assert!(detect_with(&next, &learned).present);
}

#[test]
fn what_only_its_sender_could_mean_is_never_learned() {
    for line in [
        "Can we agree the renewal terms?",
        "PS: we'll decide on the vendor.",
        "- pricing",
        "See ABC-123 first",
        "Deck: https://docs.google.com/presentation/d/abc",
        "We will walk through the migration plan and the rollback steps together",
        "P.S. bring the Q3 numbers",
    ] {
        let calendar: Vec<EventDetails> = ["Intro", "Pricing call", "QBR", "Sync"]
            .iter()
            .map(|title| signed("olivia@halden.example", title, title, line))
            .collect();
        let learned = Signatures::learn(&calendar);
        assert!(learned.is_empty(), "{line}: {learned:?}");
    }
}

#[test]
fn one_description_counts_once_however_many_instances_share_it() {
    let one = signed("olivia@halden.example", "Intro", "Hi", SLOGAN);
    let learned = Signatures::learn(std::iter::repeat_n(&one, 5));
    assert!(learned.is_empty(), "{learned:?}");
}

/// Three invitations of `organizer` whose descriptions `make` writes from a title, under
/// different titles and with different words each.
fn three(make: impl Fn(&str) -> EventDetails) -> Vec<EventDetails> {
    ["Intro", "Pricing call", "QBR"]
        .iter()
        .map(|t| make(t))
        .collect()
}

#[test]
fn a_series_numbers_and_suffixes_do_not_make_titles_different() {
    let calendar: Vec<EventDetails> = ["Sprint 41", "Sprint 42 (moved)", "Sprint 43 – new room"]
        .iter()
        .map(|title| signed("olivia@halden.example", title, title, "Capacity plan"))
        .collect();
    assert!(Signatures::learn(&calendar).is_empty());
}

#[test]
fn nothing_is_learned_without_an_organizer_or_a_confirmed_signature() {
    let anonymous = three(|t| EventDetails {
        organizer: None,
        ..signed("x@example.com", t, t, SLOGAN)
    });
    assert!(Signatures::learn(&anonymous).is_empty());
    // A thanks opening the body, a `--` used as a divider: no contact line in the
    // paragraph, no signature to learn from.
    for body in ["Thanks all!\nHiring plan\n\nDana", "--\nHiring plan\n--"] {
        let calendar = three(|t| EventDetails {
            summary: t.into(),
            organizer: Some("dana@ours.example".into()),
            description: format!("{t}\n{body}"),
            ..EventDetails::default()
        });
        assert!(Signatures::learn(&calendar).is_empty(), "{body}");
    }
}

#[test]
fn a_forwarded_invitation_teaches_nothing_of_its_original() {
    let calendar = three(|t| EventDetails {
        summary: t.into(),
        organizer: Some("olivia@halden.example".into()),
        description: format!(
            "FYI {t}\n\nBest,\n\n--\nOlivia Grant\nM: +1 646 813 7924\n\
             -----Original Appointment-----\nFrom: Ana Costa <ana@lumen.example>\n\
             Sent: Monday, March 2, 2026 9:00 AM\nTo: Olivia Grant\nSubject: {t}\n\n\
             Ana Costa\nM: +351 21 000 0000\nMonth-end close"
        ),
        ..EventDetails::default()
    });
    assert!(Signatures::learn(&calendar).is_empty());
}
