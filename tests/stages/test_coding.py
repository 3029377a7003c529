"""The coder on real sentence structures, taken from or modelled on Vietnamese news."""
import pytest

from vnevents import analyze

from ..conftest import validate


def coded(text, date):
    article = analyze(text, date=date)
    validate(article.to_dict())
    return article.events


def triples(text, date="2024-04-11"):
    return {(e.source.country if e.source else None, e.type, e.target.country if e.target else None)
            for e in coded(text, date)}


def only(text, date="2024-04-11"):
    events = coded(text, date)
    assert len(events) == 1, [(e.source, e.type, e.target) for e in events]
    return events[0]


def test_send_to_gives_source_and_target():
    assert ("RUS", "AID", "BFA") in triples("Nga chuẩn bị gửi thêm thiết bị, vật tư và huấn luyện viên quân sự tới Burkina Faso.")


def test_between_a_and_b():
    assert triples("Cuộc điện đàm giữa Tổng thống Nga Vladimir Putin và Tổng thống Mỹ Donald Trump diễn ra hôm qua.",
                   date="2017-01-30") == {("RUS", "CONSULT", "USA")}


def test_passive_coup_makes_the_military_the_source():
    event = only("Tổng thống Mohamed Bazoum bị lật đổ vào năm ngoái.")
    assert (event.source.code, event.type, event.target.country, event.context) == ("NERMIL", "COERCE", "NER", "coup")
    assert event.date.value == "2023"


def test_conjoined_actors_give_one_event_each():
    found = triples("Mali, Burkina Faso và Niger đã trục xuất các nhà ngoại giao Pháp.")
    assert found == {("MLI", "SANCTION", "FRA"), ("BFA", "SANCTION", "FRA"), ("NER", "SANCTION", "FRA")}


def test_the_object_of_one_verb_is_not_the_subject_of_the_next():
    found = triples("Ông Ibrahim Traore đã trục xuất lực lượng Pháp đồn trú ở Burkina Faso và tăng cường hợp tác quân sự với Nga.")
    assert found == {("BFA", "SANCTION", "FRA"), ("BFA", "COOPERATE", "RUS")}


def test_no_pair_of_countries_without_structure():
    # two countries in one sentence, but nobody acts on anybody
    assert triples("Nga và Pháp là hai nước có diện tích lớn ở châu Âu.") == set()


def test_negated_readiness_is_a_rejection():
    event = only("Bộ trưởng Quốc phòng Mỹ James Mattis tuyên bố Washington vẫn chưa sẵn sàng hợp tác quân sự với Nga.",
                 date="2017-02-16")
    assert (event.source.country, event.type, event.target.country) == ("USA", "REJECT", "RUS")
    assert event.speaker and "Mattis" in event.speaker


def test_negation_drops_an_attack():
    assert triples("Nga không tấn công Ukraine.") == set()


@pytest.mark.parametrize(
    "sentence, factuality",
    [
        ("Theo Reuters, Nga đã gửi vũ khí tới Niger.", "reported"),
        ("Nga sẽ gửi vũ khí tới Niger.", "planned"),
        ("Nga được cho là đã gửi vũ khí tới Niger.", "speculated"),
        ("Nga phủ nhận việc gửi vũ khí tới Niger.", "denied"),
        ("Nga đã gửi vũ khí tới Niger.", "asserted"),
    ],
)
def test_factuality_from_cues(sentence, factuality):
    assert only(sentence).factuality == factuality


def test_outlets_are_via_never_actors():
    event = only("Hãng tin Reuters đưa tin Nga đã gửi vũ khí tới Niger.")
    assert event.via == ["Reuters"] and event.source.country == "RUS"


def test_a_reference_resolves_to_the_other_country():
    found = triples("Pháp đã rút quân khỏi Niger sau khi các nhà lãnh đạo quân sự của Niamey cáo buộc quốc gia này can thiệp nội bộ.")
    assert ("NER", "ACCUSE", "FRA") in found and ("FRA", "RETREAT", "NER") in found


def test_evidence_points_into_the_text():
    article = analyze("Washington đã bày tỏ quan ngại với Niger về khả năng phát triển mối quan hệ với Nga.")
    [event] = article.events
    assert article.text[event.evidence.start:event.evidence.end] == event.evidence.text
    assert (event.source.code, event.type, event.mode, event.target.country) == ("USAGOV", "ACCUSE", "disapprove", "NER")


def test_passive_with_agent_b_bi_a():
    assert triples("5 tàu cá Việt Nam bị phía Indonesia bắt giữ hôm qua.") == {("IDN", "COERCE", "VNM")}


def test_a_voi_b_before_the_verb():
    assert ("USA", "COOPERATE", "RUS") in triples("Quân đội Mỹ đã cho Nga tọa độ của mục tiêu khủng bố.")
    assert triples("Mỹ với Nga đã hợp tác chặt chẽ.") == {("USA", "COOPERATE", "RUS")}


def test_first_person_in_a_quote_is_the_speaker():
    found = triples("“Chúng tôi đã tấn công các khẩu đội tên lửa của Syria”, người phát ngôn quân đội Israel cho biết.")
    assert ("ISR", "ASSAULT", "SYR") in found


def test_an_object_before_a_listing_trigger():
    assert triples("Bulgaria tuyên bố một nhà ngoại giao Nga là người không được chào đón.") == {("BGR", "SANCTION", "RUS")}


def test_history_is_background_with_its_own_date():
    events = coded("Tháng 7/2023, quân đội Niger đã tiến hành đảo chính. Hôm qua, Nga gửi vũ khí tới Niger.", "2024-04-11")
    by_type = {e.type: e for e in events}
    assert by_type["COERCE"].background and by_type["COERCE"].date.value == "2023-07"
    assert not by_type["AID"].background and by_type["AID"].date.value == "2024-04-10"


@pytest.mark.parametrize(
    "text, expected",
    [
        # "ông" alone: the person named before
        ("Tổng thống Hàn Quốc Moon Jae-in phát biểu hôm qua. Ông nói rằng ông sẽ sớm cử một đặc phái viên đến Nga.",
         ("KOR", "CONSULT", "RUS")),
        # "hai nước" / "2 nhà lãnh đạo": the pair named together before
        ("Tổng thống Nga Vladimir Putin và Tổng thống Mỹ Donald Trump đã có cuộc gặp. Cuộc điện đàm giữa 2 nhà lãnh đạo kéo dài 20 phút.",
         ("RUS", "CONSULT", "USA")),
        # "quốc gia Tây Phi này": the country named before that is not the actor
        ("Ngoại trưởng Nga Sergei Lavrov tới Burkina Faso. Ông cho biết Nga chuẩn bị gửi thêm thiết bị tới hỗ trợ quốc gia Tây Phi này.",
         ("RUS", "AID", "BFA")),
    ],
)
def test_references_resolve_from_earlier_in_the_article(text, expected):
    assert expected in triples(text, date="2017-05-12")


def test_a_later_denial_marks_the_report_denied():
    events = coded("Hãng tin AP đưa tin về một cuộc tấn công chung giữa Nga và Mỹ nhằm vào khủng bố tại Syria. "
                   "Lầu Năm Góc đã lên tiếng phủ nhận thông tin này.", "2017-02-18")
    [joint] = [e for e in events if e.type == "COOPERATE"]
    assert joint.factuality == "denied" and joint.via == ["AP"]


def test_source_chains_keep_their_order_and_venues_are_not_sources():
    [event] = coded("Theo đài RT, truyền thông quốc gia của Niger đưa tin Nga đã gửi huấn luyện viên tới Niger.", "2024-04-11")
    assert event.via == ["RT", "truyền thông quốc gia của Niger"] and event.factuality == "reported"
    [told] = coded("Bộ trưởng Kinh tế Thổ Nhĩ Kỳ nói với hãng tin Anadolu rằng Thổ Nhĩ Kỳ đã viện trợ cho Qatar.", "2017-06-21")
    assert told.via == ["Anadolu"] and told.factuality == "asserted"


def test_an_outlet_that_interviewed_the_speaker_is_only_a_venue():
    # seed 000: the man speaks for himself; RTN only asked
    events = coded("Một người đàn ông mặc đồ ngụy trang được RTN phỏng vấn cho biết: “Chúng tôi ở đây để huấn luyện "
                   "quân đội Niger... và để phát triển hợp tác quân sự giữa Nga và Niger”.", "2024-04-11")
    assert events and all(e.factuality == "asserted" and e.via == ["RTN"] for e in events)


def test_a_plan_covers_every_verb_between_its_subject_and_the_trigger():
    # seed 001: "chuẩn bị" is nine syllables before "hỗ trợ", with the same subject
    events = coded("Ngoại trưởng Nga Sergei Lavrov có chuyến thăm Burkina Faso. Ngoại trưởng Nga Sergei Lavrov cho biết: "
                   "Nga chuẩn bị gửi thêm thiết bị, vật tư và huấn luyện viên quân sự tới hỗ trợ quốc gia này.", "2024-06-05")
    aid = [e for e in events if e.type == "AID"]
    assert aid and all(e.factuality == "planned" for e in aid)
    assert len(aid) == 1  # one happening per sentence and country pair, not one per verb


def test_an_open_question_is_speculation():
    event = only("Chưa rõ Nga sẽ viện trợ cho Burkina Faso bao nhiêu thiết bị quân sự.", "2024-06-05")
    assert event.factuality == "speculated"


def test_outlets_are_never_actors():
    events = coded("Reuters đưa tin Nga tấn công Ukraine. Hãng tin AP chỉ trích Reuters.", "2024-04-11")
    assert all(e.source.country != "GBR" and e.target.country != "GBR" for e in events if e.source and e.target)
    assert {(e.source.country, e.type, e.target.country) for e in events} == {("RUS", "ASSAULT", "UKR")}


def test_receiving_support_reverses_the_roles():
    assert triples("Qatar đang nhận được sự ủng hộ từ Iran và Thổ Nhĩ Kỳ.", "2017-06-10") == {
        ("IRN", "SUPPORT", "QAT"), ("TUR", "SUPPORT", "QAT")}


def test_long_lists_with_a_noun_before_the_last_item():
    found = triples("Yemen, Libya, Maldives, Mauritania, Mauritius, đảo quốc Comoros cũng tuyên bố cắt đứt ngoại giao với Qatar.", "2017-06-10")
    assert {s for s, _, _ in found} == {"YEM", "LBY", "MDV", "MRT", "MUS", "COM"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Phía Mỹ đã bác bỏ đề nghị của Nga.", {("USA", "REJECT", "RUS")}),
        # the action inside a relative clause: Ukraine accuses Russia of backing the separatists
        ("Lực lượng ly khai mà Ukraine cáo buộc do Nga hậu thuẫn đã tấn công Mariupol.", {("UKR", "ACCUSE", "RUS")}),
        # several events in one sentence
        ("Nga trục xuất 20 nhà ngoại giao Séc và cáo buộc Mỹ đứng sau vụ việc.", {("RUS", "SANCTION", "CZE"), ("RUS", "ACCUSE", "USA")}),
        # a wish is not an event
        ("Washington cũng nên tiếp xúc với Iran thay vì thách thức nước này.", set()),
    ],
)
def test_hard_structures(text, expected):
    assert triples(text, date="2021-04-23") == expected


def test_protesters_known_by_where_they_march():
    assert triples("Hàng nghìn người đã tập trung biểu tình ở gần Đại sứ quán Mỹ tại Seoul.", "2017-04-25") == {
        ("KOR", "PROTEST", "USA")}
    # with no named target there is nothing to code
    assert triples("Hàng nghìn người đã xuống đường biểu tình ở thủ đô London.", "2017-02-01") == set()


def test_an_arrest_without_agent_is_by_the_place_where_it_happened():
    assert triples("Một nhà báo Pháp đã bị bắt giữ tại Thổ Nhĩ Kỳ hôm 8/5.", "2017-06-03") == {("TUR", "COERCE", "FRA")}


def test_agreeing_to_a_proposal_needs_no_named_partner():
    assert triples("Myanmar đã đồng ý với đề xuất chấm dứt bạo lực nhằm vào dân thường.", "2021-04-24") == {("MMR", "AGREE", None)}
    assert triples("Myanmar sẵn sàng.", "2021-04-24") == set()


def test_a_coalition_led_by_a_country_is_that_countrys_agent():
    # "vụ không kích của liên quân do Mỹ đứng đầu": the speaker condemning it is not the attacker
    events = coded("Thứ trưởng Ngoại giao Nga Gennady Gatilov cho rằng, vụ không kích của liên quân do Mỹ đứng đầu "
                   "nhằm vào lực lượng ủng hộ Chính phủ Syria là không chấp nhận được.", "2017-05-19")
    assert ("USA", "ASSAULT", "SYR") in {(e.source.country, e.type, e.target.country) for e in events if e.source and e.target}
    assert not any(e.type == "ASSAULT" and e.source and e.source.country == "RUS" for e in events)


def test_an_event_without_a_date_takes_the_articles_marked_as_such():
    [event] = coded("Nga đã gửi vũ khí tới Niger.", "2024-04-11")
    assert (event.date.value, event.date.basis, event.date.text) == ("2024-04-11", "article", None)
    [history] = coded("Nga từng gửi vũ khí tới Niger.", "2024-04-11")
    assert history.date is None  # told as history: the article's date says nothing about it


def test_after_a_happening_takes_its_date():
    # seed 001: the expulsion follows the coup dated in the paragraph before
    events = coded("Tháng 7/2023, quân đội Niger đã tiến hành đảo chính, lật đổ Tổng thống Mohamed Bazoum.\n"
                   "Sau cuộc đảo chính, chính quyền quân sự Niger tuyên bố trục xuất lực lượng Pháp.", "2024-06-05")
    [expel] = [e for e in events if e.type == "SANCTION"]
    assert (expel.date.value, expel.date.basis) == ("2023-07", "text")


def test_the_organ_of_a_state_acts_for_it_across_time_words():
    # baomoi, April 2017: "the negotiator of the Syrian government ... today condemned ..."
    text = ("Nhà đàm phán hòa đàm của Chính phủ Syria Bashar al-Ja'afari hôm nay đã lên án vụ không kích "
            "mới nhất của quân đội Mỹ trên lãnh thổ Syria.")
    assert ("SYR", "ACCUSE", "USA") in triples(text, "2017-04-08")


def test_rebels_withdrawing_belong_to_where_they_are():
    text = "Ngày 8/5, hàng trăm phiến quân đã bắt đầu rút quân khỏi khu vực Barzeh, ngoại ô thủ đô Damascus."
    event = only(text, "2017-05-09")
    assert (event.type, event.source.country) == ("RETREAT", "SYR")


@pytest.mark.parametrize("text, expected", [
    ("Phiến quân Houthi đồng thời tuyên bố sẽ tiến hành thêm nhiều vụ tấn công vào thành phố Riyadh.", ("YEM", "THREATEN", "SAU")),
    ("Ông Trump tuyên bố có thể điều quân Mỹ đến Mexico để ngăn chặn các băng đảng ma túy.", ("USA", "THREATEN", "MEX")),
    ("Tổng thống Mỹ tuyên bố sẽ áp dụng các biện pháp trừng phạt đối với Iran.", ("USA", "THREATEN", "IRN")),
])
def test_force_announced_by_its_own_author_is_a_threat(text, expected):
    assert triples(text, "2017-02-06") == {expected}


def test_force_planned_by_others_stays_planned():
    event = only("Giới chức Mỹ cho biết Lầu Năm Góc sẽ triển khai thêm binh sĩ tới Ba Lan.", "2017-02-06")
    assert (event.type, event.factuality) == ("MOBILIZE", "planned")


def test_denying_an_accusation_is_no_accusation():
    # baomoi, Feb 2017: the Chinese spokesman denies what others allege
    text = "Ông cũng phủ nhận các cáo buộc rằng Bắc Kinh đang gây sức ép gián tiếp về mặt kinh tế cho Hàn Quốc."
    assert not any(t[1] == "ACCUSE" for t in triples(text, "2017-02-10"))
    assert ("CHN", "ACCUSE", "KOR") in triples("Bắc Kinh cáo buộc Hàn Quốc gây sức ép.", "2017-02-10")


def test_taking_back_is_not_withdrawing_troops():
    assert triples("Yemen rút lại cấp phép cho Mỹ điều hành chiến dịch đặc nhiệm trên bộ.", "2017-02-07") == {("YEM", "SANCTION", "USA")}
    assert triples("Mỹ rút lại đề xuất.", "2017-02-07") == set()


def test_an_opening_attribution_is_neither_subject_nor_list():
    # baomoi, June 2017: Cavusoglu reports what Erdogan did
    text = ("Theo Ngoại trưởng Thổ Nhĩ Kỳ Mevlut Cavusoglu, ông Erdogan đã đưa ra tuyên bố trên trong cuộc họp kín "
            "với Ngoại trưởng Bahrain Khaled Bin Ahmed Al-Khalif tại Istanbul.")
    event = only(text, "2017-06-10")
    assert (event.type, event.source.country, event.target.country) == ("CONSULT", "TUR", "BHR")
    assert "Erdogan" in event.source.text


def test_a_reporter_after_theo_acts_in_nothing():
    text = "Theo Ngoại trưởng Mỹ Rex Tillerson, khu vực ngừng bắn có ảnh hưởng đến an ninh của Jordan."
    assert triples(text, "2017-07-09") == set()


@pytest.mark.parametrize("text", [
    # baomoi, 2017: an attacker, a target of attack, and the background of a sanction
    "Cảnh sát Anh đã dừng chia sẻ thông tin tình báo với Mỹ sau khi danh tính kẻ tấn công bị rò rỉ.",
    "Nhiều người lo ngại việc triển khai THAAD sẽ khiến Seoul trở thành mục tiêu tấn công hàng đầu của Bình Nhưỡng.",
    "Ông Ryabkov lấy làm tiếc về việc Mỹ áp đặt các biện pháp trừng phạt mới nhằm vào Iran, sau các vụ thử tên lửa gần đây.",
])
def test_nouns_and_background_are_not_events_of_the_subject(text):
    found = triples(text, "2017-05-25")
    assert not any(t[1] in ("ASSAULT", "MOBILIZE") for t in found), found


def test_denying_a_claim_rejects_nobody():
    text = "Người phát ngôn Lầu Năm Góc James Davis cũng bác bỏ khả năng Triều Tiên vừa thử hạt nhân."
    assert not any(t[1] == "REJECT" for t in triples(text, "2017-05-10"))


def test_talks_before_the_main_verb_still_had_the_subject_as_a_side():
    text = ("Tổng thống Trump đã cúp điện thoại đột ngột sau cuộc thảo luận gay gắt với Thủ tướng Úc Malcolm Turnbull "
            "về thỏa thuận trao đổi người tị nạn.")
    assert ("USA", "CONSULT", "AUS") in triples(text, "2017-02-02")


def test_a_retaliation_carried_out_is_no_threat():
    # baomoi, June 2017: the attack is real; retaliation is its purpose
    text = ("Ngày 3/6, Pakistan cho biết, quân đội nước này đã thực hiện vụ tấn công làm 5 binh lính Ấn Độ thiệt mạng, "
            "nhằm trả đũa cho vụ quân đội Ấn Độ nổ súng dọc Đường Ranh giới kiểm soát.")
    assert not any(t[1] == "THREATEN" for t in triples(text, "2017-06-03"))
    assert ("RUS", "THREATEN", "EST") in triples("Moskva sẽ có hành động đáp trả đối với Estonia.", "2017-05-26")


def test_a_wish_a_few_words_back_is_still_a_wish():
    # baomoi, May 2017: President Moon wants talks to start; none has
    text = "Ông Moon nói: \"Tôi muốn tìm cách nhanh chóng khởi động đàm phán giữa Triều Tiên và Hàn Quốc.\""
    assert not any(t[1] == "CONSULT" for t in triples(text, "2017-05-12"))


def test_marchers_in_a_capital_protest_what_they_march_against():
    # baomoi, May 2017: Brussels is here the Belgian capital, not the EU
    text = ("Ngày 24/5, hàng nghìn người đã đổ xuống các đường phố của thủ đô Brussels (Bỉ) để phản đối "
            "chuyến thăm của Tổng thống Mỹ Donald Trump.")
    assert ("BEL", "PROTEST", "USA") in triples(text, "2017-05-25")


def test_a_participle_after_a_time_phrase_takes_the_subject_after_the_comma():
    # baomoi, May 2017: "Earlier that day, talking with May and Merkel, Moon also asked the two leaders..."
    text = ("Tổng thống Hàn Quốc Moon Jae-in đã điện đàm với Tổng thống Nga Vladimir Putin. Trước đó cùng ngày, "
            "trao đổi với Thủ tướng Anh Theresa May và Thủ tướng Đức Angela Merkel, ông Moon cũng đề nghị "
            "2 nhà lãnh đạo châu Âu này giúp kiềm chế chương trình hạt nhân của Bình Nhưỡng và đều nhận được sự cam kết của họ.")
    found = triples(text, "2017-05-12")
    assert {("KOR", "CONSULT", "GBR"), ("KOR", "CONSULT", "DEU"), ("KOR", "REQUEST", "GBR"), ("KOR", "REQUEST", "DEU")} <= found
    # "họ" (they) is the pair of leaders, not North Korea named last
    assert {("GBR", "AGREE", "KOR"), ("DEU", "AGREE", "KOR")} <= found and ("PRK", "AGREE", "KOR") not in found


def test_sanctions_discussed_are_a_topic_not_an_act():
    text = ("Washington đã thảo luận với Bắc Kinh về các biện pháp trừng phạt Bình Nhưỡng từ hai tuần trước.")
    found = triples(text, "2017-05-16")
    assert ("USA", "CONSULT", "CHN") in found and not any(t[1] == "SANCTION" for t in found)


def test_a_country_named_as_the_topic_is_not_the_other_side():
    text = "Ngoại trưởng Nga Sergei Lavrov và Ngoại trưởng Mỹ Rex Tillerson đã thảo luận vấn đề Syria."
    found = triples(text, "2017-07-01")
    assert ("RUS", "CONSULT", "USA") in found and not any(t[2] == "SYR" for t in found)


def test_they_after_a_speech_verb_are_the_speaker():
    # baomoi, Feb 2017
    text = ("Trung Quốc phản đối việc Hàn Quốc và Mỹ triển khai hệ thống phòng thủ tên lửa THAAD, nói rằng họ "
            "hy vọng Hàn Quốc sẽ tính đến quan ngại của Trung Quốc.")
    found = triples(text, "2017-02-10")
    assert ("CHN", "REQUEST", "KOR") in found and ("USA", "REQUEST", "KOR") not in found
    assert not any(t[1] == "MOBILIZE" and t[2] == "CHN" for t in found)


def test_regime_change_by_a_foreign_power_is_not_a_coup():
    text = ("Ngày 20/3/2003 Tổng thống George W. Bush ra lệnh tấn công Iraq và đến ngày 1/5/2003 thì chính thức "
            "lật đổ chế độ Saddam Hussein.")
    found = triples(text, "2017-06-01")
    assert ("USA", "ASSAULT", "IRQ") in found and ("IRQ", "COERCE", "IRQ") not in found


def test_condemning_an_attack_does_not_accuse_its_victims():
    text = 'Bộ Ngoại giao Mỹ đã phát tuyên bố chính thức lên án "vụ tấn công hèn hạ nhằm vào người dân vô tội London".'
    assert ("USA", "ACCUSE", "GBR") not in triples(text, "2017-06-04")


def test_a_speaker_is_not_the_patient_of_what_it_reports():
    text = ("Trong thông báo ngày 29/5, Bộ Nội vụ Tunisia cho biết đối tượng nêu trên bị tiêu diệt trong chiến dịch "
            "truy quét đêm 28/5 gần khu vực biên giới.")
    assert not any(t[2] == "TUN" for t in triples(text, "2017-05-29"))


def test_a_warning_received_comes_from_the_giver():
    text = "Kết quả là, Tổng thống Philippines đã nhận được một lời cảnh báo từ Chủ tịch Trung Quốc."
    assert triples(text, "2017-05-15") == {("CHN", "THREATEN", "PHL")}


def test_the_accused_opens_a_clause_of_its_own():
    # baomoi, June 2017: Bahrain blames Qatar; the support is Qatar's, and "related to Iran" names no recipient
    text = "Bahrain đổ lỗi Qatar đã kích động truyền thông, hỗ trợ tài chính các nhóm liên quan tới Iran."
    found = triples(text, "2017-06-05")
    assert ("BHR", "ACCUSE", "QAT") in found and not any(t[1] == "AID" for t in found)


def test_aid_deployed_is_aid():
    assert triples("Thổ Nhĩ Kỳ sẽ triển khai viện trợ cho Qatar bằng đường biển.", "2017-06-21") == {("TUR", "AID", "QAT")}


def test_a_bracketed_owner_is_the_agent_not_the_target():
    text = "Chính phủ Cuba lên án các biện pháp siết chặt cấm vận (của Mỹ) đã áp đặt lên quốc đảo này từ năm 1962."
    found = triples(text, "2017-06-17")
    assert ("CUB", "ACCUSE", "USA") in found and ("CUB", "SANCTION", "USA") not in found


def test_goodwill_to_keep_talking_is_one_agreement():
    text = 'Chính phủ Cuba "tái khẳng định thiện chí tiếp tục đối thoại và hợp tác trên tình thần tôn trọng lẫn nhau" với Mỹ.'
    assert triples(text, "2017-06-17") == {("CUB", "AGREE", "USA")}


def test_marchers_at_home_march_against_who_they_answer():
    text = "Để đáp trả trừng phạt mới của Mỹ, người dân Iran sẽ tổ chức tuần hành trên cả nước vào ngày 10/2 tới."
    assert ("IRN", "PROTEST", "USA") in triples(text, "2017-02-06")


def test_a_clause_opening_with_its_verb_keeps_the_subject_before_it():
    text = ("Quan hệ giữa Mỹ và Trung Quốc đã lạnh nhạt sau khi ông Trump làm mếch lòng Bắc Kinh hồi năm ngoái "
            "khi điện đàm với lãnh đạo Đài Loan Thái Anh Văn.")
    assert ("USA", "CONSULT", "TWN") in triples(text, "2017-02-10")


def test_a_reference_heads_a_list_of_states():
    text = ("Hải quân Hàn Quốc ngày 14/3 thông báo nước này, Nhật Bản và Mỹ đã bắt đầu cuộc diễn tập cảnh báo tên lửa.")
    sources = {t[0] for t in triples(text, "2017-03-14") if t[1] == "MOBILIZE"}
    assert sources == {"KOR", "JPN", "USA"}


def test_both_sides_are_the_two_states_just_named_even_apart():
    text = ("Tổng thống Mỹ Donald Trump đã tiếp Thủ tướng Iraq Haider al-Abadi tại Nhà Trắng. Bên cạnh đó, ông Trump "
            "còn nhấn mạnh hai bên sẽ cùng nhau hợp tác nhằm đánh bại chủ nghĩa khủng bố.")
    found = triples(text, "2017-03-21")
    assert ("USA", "COOPERATE", "IRQ") in found or ("IRQ", "COOPERATE", "USA") in found


@pytest.mark.parametrize("text, expected", [
    ("Tổng thống Syria tuyên bố ủng hộ quân đội Mỹ, nhưng với điều kiện là hai bên phải hợp tác.", set()),
    ("Pháp đã buộc phải rút quân khỏi Mali.", {("FRA", "RETREAT", "MLI")}),
])
def test_conditions_and_obligations_are_not_done_but_forced_acts_are(text, expected):
    found = {t for t in triples(text, "2017-02-10") if t[1] in ("COOPERATE", "RETREAT")}
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # baomoi, 2017: aid received in exchange comes from its giver
    ("Vào năm 2015, Iran đã đồng ý kiềm chế chương trình hạt nhân để đổi lấy cứu trợ từ một số quốc gia như Mỹ.",
     {("USA", "AID", "IRN")}),
    # a bomber is an aircraft, a deterrent a capability, a missile test the subject of its own clause
    ("Guam là nơi đóng quân của Căn cứ không quân Andersen, nơi đây có các máy bay ném bom hạng nặng của Không lực Mỹ.", set()),
    ("Tokyo và Seoul có thể dựa vào khả năng răn đe hạt nhân của Washington.", set()),
    ("Khi Triều Tiên tuyên bố nước Mỹ nằm trong tầm bắn của Bình Nhưỡng, Washington cần phản ứng cứng rắn hơn.", set()),
    ("Ngoại trưởng Mỹ Rex Tillerson cho rằng, vụ thử tên lửa ngay trước Ngày Độc lập của Mỹ đánh dấu một bước leo thang mới.", set()),
])
def test_nouns_and_received_acts_on_unseen_corpus_sentences(text, expected):
    assert {t for t in triples(text, "2017-07-05") if t[1] in ("AID", "ASSAULT", "THREATEN", "MOBILIZE")} == expected


@pytest.mark.parametrize("text, expected", [
    # baomoi 2017 / dantri 2021, none of them in the gold sets
    ("Lầu Năm Góc từ chối đưa ra bình luận chính thức về thông tin nói rằng Yemen không tiếp tục cho phép bộ binh Mỹ.", set()),
    ("Mỹ và các đồng minh bày tỏ quan ngại việc Moscow tăng cường lực lượng gần biên giới với Ukraine.",
     {("USA", "ACCUSE", "RUS"), ("RUS", "MOBILIZE", "UKR")}),
    ("Xe tăng quân đội Syria tiến hành cuộc tấn công dọc theo đường quốc lộ Palmyra-Deir Ezzor, tiến đến cách thị trấn Arak 6 km.", set()),
    ("Ngoại trưởng Mỹ đã bắt đầu đối thoại với các ngoại trưởng của Bahrain, Các Tiểu vương quốc Arab thống nhất (UAE) và Ai Cập.",
     {("USA", "CONSULT", "BHR"), ("USA", "CONSULT", "ARE"), ("USA", "CONSULT", "EGY")}),
])
def test_unseen_corpus_sentences(text, expected):
    assert triples(text, "2017-07-12") == expected


def test_veterans_are_no_fighting_group():
    from vnevents import analyze

    mentions = analyze("Thủ tướng hai nước dự gặp mặt cựu chiến binh Việt Nam.", date="2017-01-01").mentions
    assert not any(m.actor and m.actor.role == "REB" for m in mentions)


@pytest.mark.parametrize("text", [
    # a list of nine states is a multilateral setting, not 72 dyads
    "Không có nước nào trong số 9 quốc gia sở hữu vũ khí hạt nhân - Mỹ, Nga, Anh, Trung Quốc, Pháp, Ấn Độ, Pakistan, "
    "Triều Tiên và Israel - tham gia các cuộc đàm phán hay cuộc bỏ phiếu về hiệp ước cấm hạt nhân.",
    # the members of one acting list do not act on each other
    "Trước đó, bất chấp sự phản đối của ba cường quốc hạt nhân là Mỹ, Anh, Pháp cùng các đồng minh, 122 quốc gia "
    "thành viên Liên hợp quốc ngày 7/7 đã thông qua hiệp ước cấm vũ khí hạt nhân.",
])
def test_lists_of_states_give_no_dyads_among_themselves(text):
    assert not any(t[1] in ("CONSULT", "ACCUSE") for t in triples(text, "2017-07-08"))


def test_ending_relations_with_and_accusing_right_after_the_verb():
    # baomoi, June 2017: seven states cut ties with Qatar and accuse Doha (not "terrorists") of funding terror
    text = ("7 nước gồm Saudi Arabia, UAE, Bahrain, Ai Cập, Libya, Yemen và Maldives tuyên bố chấm dứt quan hệ với "
            "Qatar hôm 5/6, cáo buộc Doha tài trợ cho khủng bố.")
    found = triples(text, "2017-06-06")
    assert ("SAU", "SANCTION", "QAT") in found and ("MDV", "SANCTION", "QAT") in found
    assert ("EGY", "ACCUSE", "QAT") in found and not any(t[2] is None for t in found)


def test_a_risk_of_attack_is_no_attack():
    assert triples("Thủ tướng Anh Theresa May đã rơi vào nguy cơ bị tấn công khủng bố.", "2017-06-06") == set()


@pytest.mark.parametrize("text, expected", [
    ("Sau chuyến thăm Hàn Quốc và Nhật Bản của Bộ trưởng Quốc phòng Mỹ, trang tin quân sự Trung Quốc đã tập trung tuyên truyền.",
     {("USA", "CONSULT", "KOR"), ("USA", "CONSULT", "JPN")}),
    ("Tổng thống Trump khen ngợi các hành động cấm vận của Ả Rập Saudi.", {("USA", "SUPPORT", "SAU")}),
    ("Theo ông Kalin, Bộ trưởng Quốc phòng Nga đã cung cấp cho Tổng thống Erdogan một số thông tin.", set()),
    # "của Palestine" belongs to Hamas, the target, not to the attack
    ("Israel đã tiến hành một loạt cuộc tấn công nhằm vào phong trào Hồi giáo Hamas của Palestine tại Dải Gaza.",
     {("ISR", "ASSAULT", "PSE")}),
    # several owners: none of them is the target (baomoi, Jun 2017)
    ("Tờ Rodong Sinmun - báo chính thức của Đảng Lao động Triều Tiên, đã gọi các cuộc tập trận của Washington và Seoul là "
     "nhân tố chính đe dọa đến hòa bình trên Bán đảo Triều Tiên và gây tổn hại đến an ninh của Bình Nhưỡng.",
     {("USA", "MOBILIZE", "PRK"), ("KOR", "MOBILIZE", "PRK")}),
])
def test_owners_of_nominal_events(text, expected):
    assert triples(text, "2017-06-21") == expected


@pytest.mark.parametrize("text, expected", [
    ("Moscow được tô vẽ như là một “mối đe dọa” đối với an ninh và lợi ích quốc gia của Mỹ.", set()),
    ("Bộ trưởng Quốc phòng Mỹ cho biết cuộc chiến bao gồm những đợt nã pháo quy mô lớn của Triều Tiên nhằm vào "
     "thủ đô Seoul của đồng minh Hàn Quốc.", {("PRK", "ASSAULT", "KOR")}),
])
def test_a_quoted_threat_noun_and_the_owner_of_a_barrage(text, expected):
    assert triples(text, "2017-06-09") == expected


@pytest.mark.parametrize("text, expected", [
    ("Chính phủ Trung Quốc vẫn có thể thực hiện một biện pháp nữa: Ngừng viện trợ 500.000 tấn dầu thô cho Triều Tiên.",
     {("CHN", "SANCTION", "PRK")}),
    ("Người phát ngôn Bộ Ngoại giao Hàn Quốc tuyên bố tại một cuộc họp báo: “Chúng tôi rất coi trọng mối quan hệ với Việt Nam.”",
     set()),
    ("Ông Tillerson nói trong cuộc họp báo chung với người đồng cấp Anh Boris Johnson ở London.", {("USA", "CONSULT", "GBR")}),
])
def test_press_conferences_and_a_capital_after_a_colon(text, expected):
    assert {t for t in triples(text, "2017-06-01") if t[1] in ("CONSULT", "SANCTION", "AID")} == expected


@pytest.mark.parametrize("text, expected", [
    # a coalition led by a state acts as that state's military; the enemy named inside is no actor
    ("Ngày 6/6, liên quân chống tổ chức Nhà nước Hồi giáo (IS) tự xưng do Mỹ đứng đầu đã mở một cuộc tấn công nhằm vào "
     "lực lượng ủng hộ chính phủ Syria.", {("USA", "ASSAULT", "SYR")}),
    # "Đức Bà" is Notre-Dame, not Germany
    ("Cảnh sát Pháp đã nổ súng bắn bị thương đối tượng gây ra vụ tấn công bên ngoài Nhà thờ Đức Bà Paris.", None),
    # "unacceptable" disapproves; it rejects nobody
    ("Thứ trưởng Ngoại giao Nga cho rằng, vụ không kích của liên quân do Mỹ đứng đầu là hoàn toàn không chấp nhận được.", None),
])
def test_coalitions_honorifics_and_disapproval(text, expected):
    found = triples(text, "2017-06-07")
    if expected is not None:
        assert found == expected
    assert not any(t[2] == "DEU" or t[1] == "REJECT" for t in found)


def test_a_country_ending_a_phrase_does_not_join_the_next_subject():
    # baomoi, Feb 2017: "... biên giới miền Nam của Mỹ, ông Trump tuyên bố có thể điều quân Mỹ đến Mexico"
    text = ("Trong cuộc điện đàm trước đó với Tổng thống Mexico Enrique Pena Nieto về việc chi trả phí xây bức tường "
            "dọc biên giới miền Nam của Mỹ, ông Trump tuyên bố có thể điều quân Mỹ đến Mexico để ngăn chặn các băng đảng ma túy.")
    assert {("USA", "CONSULT", "MEX"), ("USA", "THREATEN", "MEX")} <= triples(text, "2017-02-02")
    from vnevents import analyze

    found = {m.text for m in analyze("Tổng thống Mỹ, ông Donald Trump, đã gặp Thủ tướng Nhật Bản.", date="2017-02-10").mentions}
    assert "Tổng thống Mỹ, ông Donald Trump" in found


def test_displeasure_is_aimed_at_its_cause():
    text = "Ông Erdogan cũng không hài lòng vì chính quyền của Tổng thống Mỹ vừa mãn nhiệm Barack Obama từ chối dẫn độ Fethullah Gulen."
    assert ("TUR", "ACCUSE", "USA") in triples(text, "2017-02-08")


def test_a_partner_is_not_a_target_and_threats_stay_in_their_clause():
    text = ("Nhóm 5 nước Sahel gồm Mali, Burkina Faso, Niger, Chad và Mauritania đã nhất trí góp quân cùng với Pháp "
            "để thành lập một lực lượng nhằm tiêu diệt các phần tử khủng bố.")
    assert not any(t[1] == "ASSAULT" and t[2] == "FRA" for t in triples(text, "2017-07-02"))
    text = ("Năm 2005, Triều Tiên tuyên bố sẽ dừng chương trình hạt nhân nhưng bất ngờ thay đổi quyết định sau đó "
            "một năm khi bắn thử vài quả tên lửa tầm xa.")
    assert not any(t[1] == "THREATEN" for t in triples(text, "2017-07-02"))


def test_a_bloc_reference_is_the_latest_list_of_states():
    # baomoi, Jul 2017: "Bốn nước này" are the four named in the sentence before
    text = ("Saudi Arabia, UAE, Bahrain và Ai Cập cùng một số nước khác đã cắt đứt quan hệ với Qatar ngày 5/6, khiến hãng "
            "hàng không Qatar Airways buộc phải bay trên những tuyến đường dài hơn. Bốn nước này cáo buộc Doha hỗ trợ "
            "chủ nghĩa khủng bố và đã đưa ra bản yêu sách gồm 13 điểm đối với Doha.")
    accusers = {t[0] for t in triples(text, "2017-07-05") if t[1:] == ("ACCUSE", "QAT")}
    assert accusers == {"SAU", "ARE", "BHR", "EGY"}
    # baomoi, Jun 2017: the three sides of the Astana talks, not Kazakhstan where they met
    text = ("Ngoài các vòng hòa đàm trên, còn có cuộc đàm phán song song ba bên về vấn đề Syria giữa Thổ Nhĩ Kỳ, Nga và Iran "
            "được tổ chức tại thủ đô Astana của Kazakhstan. Tại cuộc đàm phán vào tháng 5 vừa qua, ba nước này đã nhất trí "
            "thiết lập 4 vùng an toàn trên khắp Syria.")
    agreeing = {t[0] for t in triples(text, "2017-06-15") if t[1] == "AGREE"}
    assert agreeing == {"TUR", "RUS", "IRN"}
    # a number that does not match the list resolves nothing
    assert not any(t[1] == "AGREE" for t in triples(text.replace("ba nước này", "bốn nước này"), "2017-06-15"))


def test_a_warning_about_the_speakers_own_measures_is_aimed_at_the_condition():
    # baomoi, Jul 2017: "cảnh báo các nước này sẽ cân nhắc ... nếu Qatar không tuân thủ"
    text = ("Saudi Arabia, Các Tiểu vương quốc Arab Thống nhất (UAE), Bahrain và Ai Cập đặt ra hạn chót cho Doha. "
            "Trong khi đó, các nước này tuyên bố các yêu cầu của họ không thể đàm phán, đồng thời cảnh báo các nước này "
            "sẽ cân nhắc những biện pháp trừng phạt tiếp theo nếu Qatar không tuân thủ.")
    found = triples(text, "2017-07-02")
    assert {t for t in found if t[1] == "THREATEN"} == {(c, "THREATEN", "QAT") for c in ("SAU", "ARE", "BHR", "EGY")}
    assert not any(t[1] == "REQUEST" for t in found)  # their own demands, mentioned: no new request


def test_at_the_request_of_x_is_xs_request_to_the_clause_subject():
    # baomoi, May 2017
    text = ("Hội đồng Bảo an Liên Hợp Quốc dự kiến sẽ tổ chức một phiên họp khẩn về vụ phóng thử tên lửa mới nhất của "
            "Triều Tiên vào ngày 16.5, theo đề nghị của Mỹ, Nhật Bản và Hàn Quốc.")
    requests = [e for e in coded(text, "2017-05-15") if e.type == "REQUEST"]
    assert {e.source.country for e in requests} == {"USA", "JPN", "KOR"}
    assert {e.target.text for e in requests} == {"Hội đồng Bảo an"}
    # dantri, Apr 2021
    text = "Giới chức Canada bắt giữ bà Mạnh tại sân bay Vancouver vào ngày 1/12/2018 theo đề nghị của Mỹ."
    assert ("USA", "REQUEST", "CAN") in triples(text, "2021-04-22")


def test_the_official_above_is_the_person_named_before():
    # baomoi, Jun 2017: "Quan chức trên" is the South Korean unification ministry's spokeswoman
    text = ("Phát biểu họp báo ngày 19/6, phó phát ngôn viên của Bộ Thống nhất Hàn Quốc Lee Eugene khẳng định chương trình "
            "hạt nhân của Triều Tiên là vấn đề quốc tế. Quan chức trên đồng thời hối thúc Bình Nhưỡng ngừng tiến hành các "
            "vụ thử tên lửa và hạt nhân.")
    assert ("KOR", "REQUEST", "PRK") in triples(text, "2017-06-19")


@pytest.mark.parametrize("text, date, expected", [
    # dantri, Apr 2021: the ultimatum demanded; the demand is an event of its own
    ('Quyết định trên được đưa ra sau khi Séc gửi "tối hậu thư" đề nghị Nga rút lại lệnh trục xuất 20 nhà ngoại giao Séc.',
     "2021-04-23", {("CZE", "THREATEN", "RUS"), ("CZE", "REQUEST", "RUS")}),
    # baomoi, Jun 2017: agreeing to call on North Korea is also calling on it
    ("Về vấn đề Triều Tiên, ông Tillerson cho hay Mỹ và Australia “nhất trí kêu gọi Triều Tiên từ bỏ chương trình hạt nhân "
     "trái phép”.", "2017-06-05", {("USA", "REQUEST", "PRK"), ("AUS", "REQUEST", "PRK")}),
])
def test_a_demand_made_as_a_verb_is_not_absorbed(text, date, expected):
    assert expected <= triples(text, date)


def test_a_demand_named_as_a_noun_stays_absorbed_and_a_launcher_is_no_launch():
    # baomoi, Jul 2017: Beijing rejects Trump's demands; it demands nothing of him
    found = triples("Tuy nhiên, Bắc Kinh như trước đây vẫn bác bỏ phần lớn những yêu cầu của Tổng thống Trump.", "2017-07-20")
    assert ("CHN", "REQUEST", "USA") not in found
    # a launcher ("tổ hợp phóng") is no launch; Amnesty International in lower case is still its name
    article = analyze("Quân đội Israel đã tấn công các tổ hợp phóng tên lửa của Syria. Tổ chức Ân xá quốc tế cho rằng "
                      "tù nhân Syria bị treo cổ.", date="2021-04-22")
    assert {e.type for e in article.events} == {"ASSAULT"}
    assert ("Tổ chức Ân xá quốc tế", "organisation") in {(m.text, m.kind) for m in article.mentions}


@pytest.mark.parametrize("text, date, expected", [
    # baomoi, Feb 2017: what an Iranian official says Washington should do
    ("Trong khi đó, Phó Chánh văn phòng Tổng tống Iran Hassan Rouhani cũng cho rằng chính phủ Mỹ cần “hạ nhiệt căng thẳng "
     "khu vực chứ không phải làm nó trầm trọng thêm”, đồng thời Washington cũng nên “tiếp xúc với Iran” thay vì thách thức "
     "nước này.", "2017-02-05", {("IRN", "REQUEST", "USA")}),
    # baomoi, Jun 2017: the last speaker before the state, not the first
    ("Sau khi 3 nước Saudi Arabia, UAE và Bahrain tuyên bố chấm dứt quan hệ với Qatar, ông Trump nói Qatar phải làm nhiều "
     "hơn để chống lại việc tài trợ cho khủng bố.", "2017-06-10", {("USA", "REQUEST", "QAT")}),
])
def test_what_a_speaker_says_another_state_must_do_is_a_demand(text, date, expected):
    assert {t for t in triples(text, date) if t[1] == "REQUEST"} == expected


@pytest.mark.parametrize("text", [
    # a need, a hardship, being forced, a reason: no demand
    "Với lý do Iraq cần có sự hỗ trợ quân sự của Mỹ, Thủ tướng al-Abadi đã không nghe theo lời kêu gọi đó.",
    "Thủ tướng Nhật Bản Shinzo Abe thì tuyên bố Nhật và Hàn Quốc cần hợp tác vì hòa bình, thịnh vượng của khu vực.",
    "Thông cáo của Bộ Tư lệnh Trung ương Mỹ nói rằng, các lực lượng ủng hộ chính phủ Syria đã tấn công một thị trấn do SDF "
    "kiểm soát, buộc họ phải rút lui.",
    "Giáo sư Anatoli Petrenko của Nga cho rằng khả năng này là rất thấp vì Mỹ vẫn phải quan ngại sẽ làm bùng phát Thế chiến lần 3.",
    "“Chúng tôi bị đổ lỗi là đã thất bại trong việc thực thi thỏa thuận Minsk… Họ nói rằng Nga cần phải đảm bảo rằng Kiev "
    "có hành động”, ông Peskov nói.",
])
def test_a_modal_that_lays_no_duty_is_no_demand(text):
    assert not any(e.pattern == "request-obligation" for e in coded(text, "2017-06-10"))


def test_a_state_related_to_the_object_is_no_party_and_a_countryless_group_gives_way():
    # baomoi, Jun 2017: Iran is what the groups are linked to, not whom Qatar aids
    text = ("Bahrain khẳng định, quyết định nặng nề trên liên quan tới chính sách hiện nay của Doha và đổ lỗi Qatar đã kích "
            "động truyền thông, ủng hộ các hoạt động khủng bố, hỗ trợ tài chính các nhóm liên quan tới Iran.")
    assert ("QAT", "AID", "IRN") not in triples(text, "2017-06-05")
    # baomoi, Jun 2017: the Syrian side was asked; the militia with no country adds no second request
    text = ("Nga đã yêu cầu lực lượng thân chính phủ Syria và dân quân do Iran hậu thuẫn làm điều đúng đắn, ngăn họ có hành "
            "động gây bất ổn khu vực.")
    assert {t for t in triples(text, "2017-06-09") if t[1] == "REQUEST"} == {("RUS", "REQUEST", "SYR")}


def test_an_answer_goes_to_who_asked_just_before():
    # baomoi, May 2017
    text = ("Tại cuộc hội đàm, Thủ tướng Nguyễn Xuân Phúc đã thay mặt Lãnh đạo Đảng, Nhà nước Việt Nam mời Tổng thống Donald "
            "Trump và Phu nhân cùng gia đình thăm chính thức Việt Nam, dự Hội nghị Cấp cao APEC 2017. Tổng thống Donald Trump "
            "đã vui vẻ nhận lời.")
    assert ("USA", "AGREE", "VNM") in triples(text, "2017-06-01")
    # signing is no answer, and declining to disclose rejects nobody
    text = ("Ông Lavrov mời Trung Quốc tham gia các cuộc đàm phán. Một tuần sau, ông Vương Nghị bay đến Iran và ký một thỏa "
            "thuận hợp tác với giá trị lớn.")
    assert not any(t[1] == "AGREE" and t[2] == "RUS" for t in triples(text, "2021-04-01"))
    text = ("Ông Trump đề nghị Nhật Bản mua thêm vũ khí. Giới chức Nhật Bản từ chối công khai nội dung chi tiết cuộc gặp.")
    assert not any(t[1] == "REJECT" for t in triples(text, "2017-11-06"))


def test_a_commitment_told_to_someone_is_made_to_them():
    # baomoi, May 2017
    text = ("Nguồn Reuters, văn phòng Tổng thống Hàn Quốc ngày 12/5 cho biết Tổng thống Nga Vladimir Putin đã nói với tân "
            "Tổng thống Moon Jae-in rằng ông Putin sẵn sàng đóng một \"vai trò xây dựng\" trong việc giải quyết mối đe dọa hạt "
            "nhân của Triều Tiên.")
    assert ("RUS", "AGREE", "KOR") in triples(text, "2017-05-12")


def test_a_retaliation_with_no_target_is_aimed_at_who_struck_just_before():
    # baomoi, Jun 2017 (the Kashmir exchange of fire)
    text = ("Pakistan ngay sau đó tấn công trả đũa làm 5 binh lính Ấn Độ thiệt mạng và nhiều người khác bị thương. Tuy nhiên, "
            "phía Ấn Độ phủ nhận có bất cứ binh lính nào bị thương hay thiệt mạng trong vụ tấn công qua biên giới. Chỉ có một "
            "phụ nữ bị thương khi quân đội Pakistan vi phạm lệnh ngừng bắn. Quân đội Ấn Độ cảnh báo sẽ đưa ra biện pháp trả đũa.")
    assert ("IND", "THREATEN", "PAK") in triples(text, "2017-06-03")


def test_support_staff_are_no_aid():
    # baomoi, Jun 2017
    text = ("Kể từ khi Nga bắt đầu chiến dịch quân sự hồi tháng 9/2015, hơn 30 binh sĩ và các nhân viên hỗ trợ quân đội của "
            "nước này đã thương vong trong cuộc chiến chống khủng bố tại Syria.")
    assert not any(t[1] == "AID" for t in triples(text, "2017-06-20"))


def test_calling_someone_a_threat_is_an_accusation_not_a_threat():
    # baomoi, Feb 2017
    text = ("Về phần mình, trong ngày 9-2, phía Nga một lần nữa lặp lại quan điểm xem việc NATO triển khai thêm binh sĩ và "
            "khí tài đến các nước Baltic và Ba Lan là đe dọa an ninh Nga.")
    found = {(e.source.country if e.source else e.source, e.type, e.target.code if e.target else None) for e in coded(text, "2017-02-10")}
    assert ("RUS", "ACCUSE", "NAT") in found and ("RUS" not in {t[2] for t in found if t[1] == "THREATEN"})
    # baomoi, Jul 2017
    assert ("USA", "ACCUSE", "CHN") in triples("Báo cáo của hai tư lệnh hải quân Mỹ coi tên lửa chiến lược Trung Quốc là "
                                               "mối đe dọa thường trực với toàn bộ căn cứ hậu cần của Mỹ.", "2017-07-20")
    # "xem xét" (consider) and a partner are no charge
    assert not any(t[1] == "ACCUSE" for t in triples("Nga luôn coi Việt Nam là một trong những đối tác ưu tiên.", "2017-06-30"))


def test_terms_set_for_a_state_are_a_demand_by_those_who_set_them():
    # baomoi, Jul 2017: the Gulf quartet's deadline for Doha
    text = ('Tuyên bố trên của Ngoại trưởng al-Thani được đưa ra chỉ một ngày trước "hạn chót" mà Saudi Arabia, Các Tiểu vương '
            "quốc Arab Thống nhất (UAE), Bahrain và Ai Cập đặt ra để Doha phải chấp thuận bản yêu sách gồm 13 điểm.")
    assert {t for t in triples(text, "2017-07-01") if t[1] == "REQUEST"} == {
        (c, "REQUEST", "QAT") for c in ("SAU", "ARE", "BHR", "EGY")}
    # forcing is not asking
    text = "Ông Donald Trump cũng nhấn mạnh, Mỹ đang cân nhắc việc buộc Triều Tiên phải “trả giá đắt” cho vụ thử tên lửa."
    assert not any(t[1] == "REQUEST" for t in triples(text, "2017-07-05"))


def test_a_name_after_a_titled_country_is_no_town_and_what_is_called_a_threat_comes_before_la():
    # baomoi, Feb 2017: "Howard" is the former prime minister, not a town in the United States
    text = "Cựu Thủ tướng Australia Howard cho rằng Australia cần phải kiên nhẫn với ông Trump."
    assert not any(e.type == "REQUEST" for e in coded(text, "2017-02-05"))
    # baomoi, May 2017: the UN is named after "là": not what Seoul calls a threat
    text = ("Tổng thống Hàn Quốc Moon Jae-in hôm nay đã lên án vụ phóng tên lửa của Triều Tiên, xem đây là một mối đe dọa "
            "nghiêm trọng đối với an ninh khu vực và vi phạm các nghị quyết của Hội đồng Bảo an Liên hợp quốc.")
    assert not any(e.pattern == "accuse-regard" for e in coded(text, "2017-05-14"))


def test_a_state_after_a_destination_and_a_comma_opens_a_new_clause():
    # baomoi, May 2017: Pyongyang tests, not Washington
    text = ("Giữa lúc Mỹ điều 3 tàu sân bay đến Triều Tiên, Bình Nhưỡng liên tiếp thử tên lửa, Tổng thống Hàn Quốc bất ngờ "
            "yêu cầu điều tra hệ thống lá chắn tên lửa của Mỹ.")
    assert {t[0] for t in triples(text, "2017-05-01") if t[1] == "MOBILIZE"} == {"PRK"}
    # a place and its country stay one place ("tại Bonn, Đức")
    assert ("USA", "CONSULT", "DEU") in triples("Ngoại trưởng Mỹ đã hội đàm với Ngoại trưởng Đức tại Bonn, Đức.", "2017-02-16")


def test_aid_to_help_someone_goes_to_them():
    # dantri, Apr 2021
    text = "Liên minh châu Âu (EU) cũng cho biết sẽ kích hoạt cơ chế hỗ trợ khẩn cấp để giúp Ấn Độ đối phó \"sóng thần\" Covid-19."
    aid = [e for e in coded(text, "2021-04-28") if e.type == "AID"]
    assert [(e.source.code, e.target.country) for e in aid] == [("EUR", "IND")]


def test_a_donor_with_no_recipient_gives_to_whom_the_aid_just_before_went():
    # baomoi, Jul 2017: the SDF commander on US arms deliveries
    text = ("Mỹ đã gửi vũ khí cho lực lượng SDF ở Syria. \"Hôm qua Mỹ gửi cho chúng tôi các loại vũ khí và xe bọc thép trong "
            "140 xe tải.")
    aid = [(e.evidence.sentence, e.source.country, e.target.country) for e in coded(text, "2017-07-01") if e.type == "AID"]
    assert aid == [(0, "USA", "SYR"), (1, "USA", "SYR")]


def test_meeting_with_trouble_and_an_aid_noun_give_nothing():
    assert not coded("Tòa lãnh sự của Đức và Nhật Bản cũng gặp phải những tổn hại.", "2017-06-01")
    # baomoi, Jun 2017: a career in UN aid is no aid to whom aid went just before
    text = ("Mỹ viện trợ cho Triều Tiên. Bà Kang Kyung-wha là một chuyên gia nổi tiếng trong lĩnh vực nhân quyền và viện trợ "
            "của Liên hợp quốc.")
    assert [e.evidence.sentence for e in coded(text, "2017-06-01") if e.type == "AID"] == [0]


def test_what_is_asked_for_has_not_happened():
    # baomoi, Jun 2017: easing the blockade is what Tillerson asks for, not what the four did
    text = "Ông Tillerson kêu gọi 4 nước Ả Rập Xê Út, Ai Cập, Bahrain và UAE nới lỏng bao vây Qatar."
    assert {t[1] for t in triples(text, "2017-06-10")} == {"REQUEST"}
    # dantri, Apr 2021: only the request, no cooperation yet
    text = ("Bộ Ngoại giao Bulgaria tuyên bố thêm một nhà ngoại giao Nga là người không được chào đón, đồng thời kêu gọi các "
            "cơ quan thực thi pháp luật của Nga hợp tác toàn diện với các cơ quan chức năng của Bulgaria.")
    assert not any(t[1] == "COOPERATE" for t in triples(text, "2021-04-29"))


def test_condemning_an_attack_by_nobody_named_is_an_accusation_without_target():
    # baomoi, Jun 2017: the London Bridge attack; nobody is named as its author
    text = "Bộ Ngoại giao Mỹ đã phát tuyên bố chính thức lên án \"vụ tấn công hèn hạ nhằm vào người dân vô tội London\"."
    assert triples(text, "2017-06-04") == {("USA", "ACCUSE", None)}
    # an author named after the attack is the target
    assert ("VNM", "ACCUSE", "PRK") in triples("Việt Nam lên án vụ phóng tên lửa của Triều Tiên.", "2017-06-04")
    # condemning something that is no attack, with nobody named, says nothing an analyst can place
    assert not triples("Mỹ lên án các biện pháp trấn áp.", "2017-06-04")


def test_an_answer_opening_with_ve_phan_minh_goes_to_who_asked_earlier_in_the_passage():
    # baomoi, Jun 2017: Erdogan answers Macron's call for the journalist, several sentences later
    text = ("Tổng thống Pháp Emmanuel Macron ngày 3/6 kêu gọi Thổ Nhĩ Kỳ phóng thích một nhà báo người Pháp. "
            "Nhà báo Depardon bị bắt giam hôm 8/5. Ông đã bị giam giữ kể từ đó. Hai tuần sau, nhà báo này đã tuyệt thực. "
            "Về phần mình, ông Erdogan cam kết sẽ \"nhanh chóng\" xem xét vấn đề này.")
    assert ("TUR", "AGREE", "FRA") in triples(text, "2017-06-03")
    # without the opener, a promise that far from the call is told to nobody in particular
    assert ("TUR", "AGREE", "FRA") not in triples(text.replace("Về phần mình, ông", "Ông"), "2017-06-03")


def test_a_threat_after_va_is_aimed_at_its_own_object_not_the_previous_verbs():
    # baomoi, Feb 2017: the call was with Taiwan's leader, the threat at China's goods
    text = ("Quan hệ Mỹ-Trung xuống dốc kể từ sau khi ông Trump phá vỡ quy tắc ngoại giao, điện đàm với lãnh đạo Đài Loan "
            "Thái Anh Văn hồi tháng 12 và đe dọa sẽ tăng cường áp thuế đối với hàng hóa nhập khẩu từ Trung Quốc.")
    assert {t for t in triples(text, "2017-02-10") if t[1] == "THREATEN"} == {("USA", "THREATEN", "CHN")}
    # and with nothing of its own after it, the object before "và" still serves ("với A và B trong cuộc gặp")
    text = "Tổng thống Donald Trump đã chia sẻ thông tin mật với ngoại trưởng Nga và đại sứ Nga tại Mỹ trong cuộc gặp tuần trước."
    assert ("USA", "CONSULT", "RUS") in triples(text, "2017-05-16")


def test_an_offer_only_on_a_condition_is_a_refusal_until_then():
    # baomoi, May 2017: Haley after the Security Council's closed session
    text = ("Bà Haley khẳng định Mỹ chỉ đối thoại với Triều Tiên khi Bình Nhưỡng dừng chương trình hạt nhân.")
    assert ("USA", "REJECT", "PRK") in triples(text, "2017-05-17")
    assert ("USA", "CONSULT", "PRK") not in triples(text, "2017-05-17")
    # "chỉ" of another word ("chỉ trích") is no condition
    assert ("USA", "REJECT", "PRK") not in triples("Mỹ chỉ trích Triều Tiên khi nước này phóng tên lửa.", "2017-05-17")


def test_what_a_state_must_do_has_not_been_done():
    # baomoi, May 2017: North Korea's ambassador on what the US must do; the peace treaty is not signed
    text = ("“Để giảm căng thẳng trên bán đảo Triều Tiên, Mỹ phải rút các lực lượng quân đội của nước này tại Hàn Quốc, "
            "dừng các cuộc tập trận quân sự chung với Hàn Quốc và ký một thỏa thuận hòa bình với Triều Tiên”, ông Kang nhấn mạnh.")
    assert not any(t[1] in ("AGREE", "RETREAT") for t in triples(text, "2017-05-20"))
    # but a drill named inside the duty is a drill that is held
    text = ("Nói với Reuters, Bộ trưởng Quốc phòng Litva Raimundas Karoblis cho rằng NATO cần chuẩn bị sẵn sàng xử lý mọi "
            "diễn biến hiếu chiến từ cuộc tập trận Zapad 2017 của Nga.")
    assert ("RUS", "MOBILIZE", None) in triples(text, "2017-02-10")


def test_offering_ones_own_act_is_that_act_planned_not_a_request():
    # baomoi, May 2017: the Kyodo report South Korea denied
    event = only("Tổng thống Mỹ Donald Trump đề nghị sẽ gặp nhà lãnh đạo Triều Tiên Kim Jong-un.", "2017-05-09")
    assert (event.source.country, event.type, event.target.country, event.factuality) == ("USA", "CONSULT", "PRK", "planned")


def test_a_warning_drill_takes_no_verb_and_a_party_by_reference_cooperates_too():
    # baomoi, Mar 2017: "diễn tập cảnh báo tên lửa" is a drill, so "hợp tác ba bên" after it is coded;
    # "lần theo" (track) is no "theo" of a source: South Korea's navy asserts it
    text = ("Hải quân Hàn Quốc ngày 14/3 thông báo nước này, Nhật Bản và Mỹ đã bắt đầu cuộc diễn tập cảnh báo tên lửa "
            "nhằm tăng cường sự hợp tác ba bên trong việc phát hiện và lần theo các tên lửa của CHDCND Triều Tiên.")
    events = coded(text, "2017-03-14")
    pairs = {frozenset((e.source.country, e.target.country)) for e in events if e.type == "COOPERATE"}
    assert pairs == {frozenset(p) for p in (("KOR", "JPN"), ("KOR", "USA"), ("JPN", "USA"))}
    assert not any(e.type == "THREATEN" for e in events)
    assert {e.factuality for e in events} == {"asserted"}


@pytest.mark.parametrize("sentence, factuality", [
    ("Theo Reuters, Nga đã tấn công Ukraine.", "reported"),
    ("Nga đã tấn công Ukraine, theo TASS.", "reported"),
    ("Quân đội Nga đã tấn công Ukraine theo lệnh của Tổng thống.", "asserted"),
])
def test_theo_of_a_source_reports_and_theo_of_a_verb_does_not(sentence, factuality):
    assert only(sentence, "2022-03-01").factuality == factuality


def test_a_pair_reaches_past_a_sentence_naming_no_state_and_agrees_both_ways():
    # baomoi, Jun 2017: Vietnam-Russia defence ties; the sentence before "hai bên" names no state
    text = ("Hiện nay, Nga tiếp tục hỗ trợ Việt Nam đào tạo nguồn nhân lực. Hợp tác an ninh-quốc phòng được đẩy mạnh. "
            "Tháng 12-2013, hai bên đã tiến hành Đối thoại chiến lược Quốc phòng cấp Thứ trưởng Quốc phòng lần thứ nhất.")
    assert {(e.evidence.sentence, frozenset((e.source.country, e.target.country))) for e in coded(text, "2017-06-01")
            if e.type == "CONSULT"} == {(2, frozenset(("VNM", "RUS")))}
    # baomoi, May 2017: "Tổng thống hai nước ... đồng ý": each agrees with the other
    text = ("Ngoại trưởng Nga Sergey Lavrov thông báo Tổng thống Nga Vladimir Putin và người đồng cấp Mỹ Donald Trump sẽ gặp "
            "mặt trực tiếp lần đầu tiên vào tháng 7. \"Tổng thống hai nước đã có cuộc điện đàm gần đây và đồng ý sẽ gặp mặt "
            "trực tiếp bên lề hội nghị thượng đỉnh G20\", ông Lavrov cho hay.")
    assert {("RUS", "AGREE", "USA"), ("USA", "AGREE", "RUS")} <= triples(text, "2017-05-12")


def test_kidnapping_and_an_attack_by_nobody_named_where_it_happened():
    # baomoi, Jun 2017: "bị bắt cóc" is a kidnapping, not the "bị bắt" of an arrest
    assert triples("Sáu thuyền viên của một tàu hàng Việt Nam bị bắt cóc vào tháng 11/2016.", "2017-06-20") == {
        (None, "ASSAULT", "VNM")}
    # baomoi, Jan 2017: the Istanbul nightclub massacre; a nominal attack with no author, in Turkey
    text = "Cuộc thảm sát xảy ra tại một hộp đêm ở thành phố Istanbul làm 39 người thiệt mạng."
    assert triples(text, "2017-01-02") == {(None, "ASSAULT", "TUR")}
    # a verb with no subject gives no such event: someone named elsewhere did it
    assert not triples("Tấn công vào một hộp đêm ở thành phố Istanbul.", "2017-01-02")


def test_a_nominal_event_whose_predicate_is_still_to_come_is_planned():
    # baomoi, Feb 2017: the drill is announced, not held
    event = only("Hải quân Nga cho biết cuộc tập trận sẽ được tiến hành tại phía bắc Biển Ả-Rập.", "2017-02-01")
    assert (event.type, event.factuality) == ("MOBILIZE", "planned")


def test_a_bloc_named_by_region_is_the_latest_list_of_its_states_and_a_refused_demand_is_a_rejection():
    # baomoi, Jul 2017: the Qatar crisis
    text = ("Tuyên bố được đưa ra một ngày trước hạn chót mà Saudi Arabia, Các Tiểu vương quốc Arab Thống nhất (UAE), "
            "Bahrain và Ai Cập đặt ra để Doha phải chấp thuận bản yêu sách gồm 13 điểm. "
            "Ngoại trưởng Qatar nói thêm rằng nước này sẽ không đóng cửa căn cứ quân sự của Thổ Nhĩ Kỳ hoặc đóng cửa kênh "
            "truyền hình Al Jazeera theo như yêu cầu của các nước Arab vùng Vịnh. "
            "Trong khi đó, các quốc gia Arab và vùng Vịnh tuyên bố các yêu cầu của họ không thể đàm phán, đồng thời cảnh báo "
            "các nước này sẽ cân nhắc những biện pháp trừng phạt tiếp theo nếu Qatar không tuân thủ.")
    found = triples(text, "2017-07-01")
    four = ("SAU", "ARE", "BHR", "EGY")
    assert {("QAT", "REJECT", c) for c in four} <= found
    assert {(c, "THREATEN", "QAT") for c in four} <= found
    assert not any(t[0] == "QAT" and t[1] == "REQUEST" for t in found)
    # a list that is no member of the region is not the bloc ("các nước Arab" after Russia and China)
    text = "Nga và Trung Quốc đã thảo luận. Các nước Arab kêu gọi Israel rút quân."
    assert not any(t[1] == "REQUEST" for t in triples(text, "2017-07-01"))


@pytest.mark.parametrize("text, expected", [
    # baomoi, Jun 2017: the Treasury is the US government; "bởi" here is "because", and Washington acts
    ("Ngoài ra, một công ty vận chuyển của Trung Quốc và hai công dân nước này cũng bị Bộ Ngân khố Mỹ trừng phạt do các "
     "hoạt động liên quan tới Bình Nhưỡng.", ("USA", "SANCTION", "CHN")),
    ("Tuy nhiên, động thái này có thể khiến Bắc Kinh tức giận bởi Washington từng nhiều lần chỉ trích Trung Quốc trong "
     "việc giải quyết vấn đề Triều Tiên.", ("USA", "ACCUSE", "CHN")),
    # thanks are praise
    ("Tuần trước, ông Trump bất ngờ cảm ơn Chủ tịch Trung Quốc Tập Cận Bình vì đã giúp đỡ giải quyết vấn đề Triều Tiên.",
     ("USA", "SUPPORT", "CHN")),
])
def test_ministries_causes_and_thanks(text, expected):
    assert expected in triples(text, "2017-06-30")


def test_a_vessel_of_the_agent_stands_between_bi_and_the_agent():
    # baomoi, Jun 2017: a Russian yacht held by a North Korean boat
    assert triples("Du thuyền Nga mang tên Katalexa đã bị một tàu Triều Tiên bắt giữ ở phía Tây Bắc.", "2017-06-16") == {
        ("PRK", "COERCE", "RUS")}


def test_with_the_help_of_x_the_subject_acts_x_aids_it():
    # baomoi, Feb 2017: the Russian air force backs Syria's army
    text = ("Kể từ đầu năm đến nay, với sự trợ giúp của lực lượng không quân Nga, quân đội Syria đã phá hủy 4.608 cơ sở "
            "của tổ chức khủng bố Nhà nước Hồi giáo tự xưng (IS).")
    assert ("RUS", "AID", "SYR") in triples(text, "2017-02-07")
    assert ("USA", "AID", "IRQ") in triples("Quân đội Iraq đã giành lại thành phố Mosul dưới sự hỗ trợ của không quân Mỹ.", "2017-07-10")


@pytest.mark.parametrize("text, expected", [
    # baomoi, Feb 2017: the casualties' side is the target of the attack that hurt them
    ("Các nguồn tin y tế xác nhận 3 người Palestine đã bị thương trong các cuộc tấn công của Israel.", ("ISR", "ASSAULT", "PSE")),
    # baomoi, Jul 2017: blame laid on another is a charge
    ("Tuy nhiên, Israel nói rằng Hamas phải chịu trách nhiệm về tất cả các vụ tấn công tên lửa từ Gaza.", ("ISR", "ACCUSE", "PSE")),
    # baomoi, Feb 2017: a raid by US special forces, named by who carried it out
    ("Chưa đầy 24 giờ sau cuộc đột kích của đặc nhiệm Mỹ tại một ngôi làng nhỏ ở Yemen, nhiều quan chức phản đối.",
     ("USA", "ASSAULT", "YEM")),
])
def test_casualties_blame_and_raids(text, expected):
    assert expected in triples(text, "2017-07-01")


@pytest.mark.parametrize("text, expected", [
    # baomoi, Jun 2017: calling an act so is an accusation
    ("Người phát ngôn của Chính phủ Đức cho biết Thủ tướng Angela Merkel gọi động thái của Thượng viện Mỹ là \"lạ lùng\".",
     ("DEU", "ACCUSE", "USA")),
    # baomoi, Jun 2017: a warning followed by its condition is a threat
    ("Ông Spicer cảnh báo: “Nếu Tổng thống Assad tiến hành thêm một vụ tàn sát bằng vũ khí hóa học nữa, ông ta sẽ trả "
     "một cái giá thật đắt”.", ("USA", "THREATEN", "SYR")),
    # baomoi, May 2017: "được gặp" is to get to meet
    ("Đáp lại, Tổng thống Pháp Macron nói rằng được gặp ông Trump là một vinh dự.", ("FRA", "CONSULT", "USA")),
])
def test_calling_warning_and_getting_to_meet(text, expected):
    assert expected in triples(text, "2017-06-16")


def test_a_trigger_that_does_not_apply_is_no_verb_for_what_follows():
    # baomoi, Feb 2017: "gọi" here names the call, it does not make "cuộc điện đàm" its object
    text = "Nhà Trắng gọi cuộc điện đàm với Chủ tịch Trung Quốc Tập Cận Bình là “cực kỳ thân mật”."
    assert ("USA", "CONSULT", "CHN") in triples(text, "2017-02-10")


def test_a_cause_clause_has_its_own_subject():
    # baomoi, Jun 2017: Doha is who the four say supports terrorism, not a partner of Bahrain's
    text = ("Trước đó, hôm 5/6, Bahrain cùng Saudi Arabia, Ai Cập, Các Tiểu vương quốc Arab Thống nhất (UAE) và một số nước "
            "khác đã cắt đứt quan hệ ngoại giao với Qatar, với lý do Doha ủng hộ chủ nghĩa khủng bố và can thiệp vào những "
            "vấn đề nội bộ của các nước trong khu vực.")
    found = triples(text, "2017-06-09")
    assert ("BHR", "SANCTION", "QAT") in found
    assert not any(t[1] == "SUPPORT" and t[0] != "QAT" for t in found)


@pytest.mark.parametrize("text, expected", [
    # baomoi, May 2017: "song phương" (bilateral) does not open a clause as "song" (but) does
    ("Sau bài phát biểu, ông Putin có cuộc gặp song phương với người đồng cấp Trung Quốc tại một dinh thự của chính phủ.",
     ("RUS", "CONSULT", "CHN")),
    # baomoi, Feb 2017: "not the first time" is no negation
    ("Đây không phải lần đầu tiên ông Assad ca ngợi Tổng thống Trump.", ("SYR", "SUPPORT", "USA")),
])
def test_bilateral_and_not_the_first_time(text, expected):
    assert expected in triples(text, "2017-05-15")


def test_an_act_named_after_truoc_is_its_owners():
    # baomoi, Feb 2017: Iran is not afraid of US sanctions; the sanctions are the US's
    text = ("Tuyên bố trên website chính thức của Đại giáo chủ Iran nêu rõ nước Cộng hòa Hồi giáo Iran không hề lo sợ trước "
            "những lệnh trừng phạt của Tổng thống Mỹ Donald Trump.")
    assert ("IRN", "SANCTION", "USA") not in triples(text, "2017-02-07")
    # and the accusation met "trước" is the US's
    text = "Trước cáo buộc của Mỹ cho rằng Iran là “quốc gia khủng bố số một”, Điện Kremlin đã có những phản ứng cụ thể."
    assert ("USA", "ACCUSE", "IRN") in triples(text, "2017-02-07")


@pytest.mark.parametrize("text, expected", [
    # baomoi, Jun 2017: what was shot down is Syria's
    ("Máy bay của Syria bị Mỹ bắn rơi.", ("USA", "ASSAULT", "SYR")),
    # baomoi, Jun 2017: forces sent somewhere are their country's move
    ("Khoảng 5.000 binh sĩ Thổ Nhĩ Kỳ sẽ được triển khai tới Qatar trong thời gian tới.", ("TUR", "MOBILIZE", "QAT")),
    # baomoi, Jun 2017: an arms sale
    ("Chính quyền Tổng thống Mỹ Donald Trump vừa bất ngờ kí quyết định bán 1,4 tỉ USD vũ khí cho Đài Loan.", ("USA", "AID", "TWN")),
    # baomoi, Feb 2017: a warning
    ("Trên Twitter, ông Trump cũng cảnh cáo Tehran đang “đùa với lửa”.", ("USA", "THREATEN", "IRN")),
    # baomoi, Feb 2017: a host and a guest; Lavrov as Vietnamese spells him
    ("Ngoại trưởng Australia Julia Bishop đón người đồng cấp Trung Quốc Vương Nghị.", ("AUS", "CONSULT", "CHN")),
    ("Ông Trump hôm 10/5 tiếp Ngoại trưởng Nga Sergei Lavrov tại Nhà Trắng.", ("USA", "CONSULT", "RUS")),
    ("Tuy nhiên, ông La-vrốp tố cáo Mỹ đang áp dụng \"tiêu chuẩn kép\" đối với vấn đề Xy-ri.", ("RUS", "ACCUSE", "USA")),
])
def test_passives_sales_warnings_and_hosts(text, expected):
    assert expected in triples(text, "2017-06-20")


def test_tiep_of_another_word_receives_nobody():
    # "trực tiếp" (directly) and "tiếp tục" (continue) are no "tiếp" (receive)
    assert [e.pattern for e in coded("Ông Trump còn gặp mặt trực tiếp Thủ tướng Anh Theresa May.", "2017-01-30")] == ["consult-meet"]
    assert not any(e.pattern == "consult-receive" for e in coded("Nga sẽ tiếp tục các cuộc đàm phán với Iran.", "2017-01-30"))


def test_shooting_down_a_missile_answers_whoever_fired_it():
    # baomoi, Feb 2017: Saudi Arabia intercepted a Houthi missile: the attack is Yemen's Houthis'
    text = ("Trước đó vào hồi tháng 10/2016, Saudi Arabia cho biết nước này đã chặn đứng và tiêu diệt một tên lửa của "
            "Houthi ở cách thánh địa Mecca khoảng 65km.")
    assert triples(text, "2017-02-06") == {("YEM", "ASSAULT", "SAU")}
    # a plane shot down is an attack on its owner
    assert triples("Mỹ bắn rơi một máy bay của Syria.", "2017-06-20") == {("USA", "ASSAULT", "SYR")}


def test_a_petition_is_a_protest():
    # baomoi, Feb 2017: the petition against Trump's state visit to Britain
    text = "Trước đó, hơn 1,8 triệu người dân Anh đã ký đơn đòi hủy chuyến thăm của Tổng thống Trump tới Anh trong năm nay."
    assert ("GBR", "PROTEST", "USA") in triples(text, "2017-02-05")
    assert not any(t[1] == "REQUEST" for t in triples(text, "2017-02-05"))


def test_a_third_party_asking_something_between_the_two_sides():
    # baomoi, May 2017: Trump asks Israel and the Palestinians for confidence-building steps
    text = ("Ngày 21/5, Nội các An ninh Israel thông báo đã thông qua các biện pháp kinh tế \"để cuộc sống thường nhật của "
            "người Palestine dễ chịu hơn\" sau khi Tổng thống Mỹ Donald Trump đề nghị \"có những bước đi mang tính xây dựng "
            "lòng tin\" giữa hai bên.")
    assert {("USA", "REQUEST", "ISR"), ("USA", "REQUEST", "PSE")} <= triples(text, "2017-05-21")


def test_a_concession_agreed_is_made():
    # baomoi, May 2017: Russia lifts its trade sanctions on Turkey
    text = "Moskva chấp thuận dỡ bỏ mọi biện pháp trừng phạt thương mại mà nước này áp đặt đối với Thổ Nhĩ Kỳ."
    assert ("RUS", "CONCEDE", "TUR") in triples(text, "2017-05-22")


def test_an_apology_another_state_tells_of_was_made_to_it():
    # baomoi, Jun 2017: North Korea on Bill Clinton's 2009 visit
    text = ("Cựu tổng thống Bill Clinton có chuyến đi đến Bình Nhưỡng. Triều Tiên sau đó tuyên bố ông Clinton đã "
            "\"đưa ra những lời xin lỗi chân thành\".")
    assert ("USA", "CONCEDE", "PRK") in triples(text, "2017-06-01")


def test_aid_lands_where_the_sentence_says_and_a_letter_is_no_aid():
    # dantri, Apr 2021: donors to India's oxygen appeal
    text = ("Singapore ngày 28/4 thông báo đã gửi 2 máy bay chở ôxy, trong khi Đức sẽ cung cấp 120 máy thở và có kế hoạch "
            "thiết lập dây chuyền sản xuất ôxy tại Ấn Độ.")
    assert {("SGP", "AID", "IND"), ("DEU", "AID", "IND")} <= triples(text, "2021-04-28")
    # baomoi, Feb 2017
    assert not any(t[1] == "AID" for t in triples("Tổng thống Mỹ Donald Trump mới gửi thư tới Chủ tịch Trung Quốc Tập Cận Bình.", "2017-02-09"))


def test_accepting_an_invitation_agrees_and_plans_the_visit():
    # baomoi, Jun 2017: Trump accepts Moon's invitation to Seoul
    text = ("Dù ông Trump đã chấp nhận lời mời đến thăm Seoul vào cuối năm nay nhưng hai nhà lãnh đạo Mỹ - Hàn Quốc "
            "đã thất bại trong việc đưa ra bất kỳ chiến lược chung nào.")
    events = analyze(text, date="2017-07-01").events
    assert any((e.source.country, e.type, e.target.country, e.factuality) == ("USA", "AGREE", "KOR", "asserted") for e in events)
    assert any((e.source.country, e.type, e.target.country, e.factuality) == ("USA", "CONSULT", "KOR", "planned") for e in events)
    # an invitation answered in the next sentence goes to who invited
    text = ("Tại cuộc hội đàm, Thủ tướng Nguyễn Xuân Phúc đã mời Tổng thống Donald Trump và Phu nhân cùng gia đình thăm "
            "chính thức Việt Nam. Tổng thống Donald Trump đã vui vẻ nhận lời.")
    events = analyze(text, date="2017-06-01").events
    assert any((e.source.country, e.type, e.target.country) == ("USA", "AGREE", "VNM") for e in events)
    assert [e.factuality for e in events if e.type == "CONSULT" and e.pattern == "consult-visit"] == ["planned"]
    # baomoi, May 2017: a visit under way at someone's invitation is no plan
    text = ("Nhận lời mời của Chủ tịch nước Trung Quốc Tập Cận Bình, ngày 11/5, Chủ tịch nước Trần Đại Quang đã đến Bắc Kinh, "
            "bắt đầu chuyến thăm cấp nhà nước tại Trung Quốc.")
    assert "planned" not in {e.factuality for e in analyze(text, date="2017-05-11").events if e.type == "CONSULT"}


def test_a_request_named_as_what_came_before_a_decision():
    # baomoi, Feb 2017: the White House on Trump's "one China" decision
    text = ("Theo thông báo Nhà Trắng phát đi sau cuộc điện đàm, quyết định mới của Tổng thống Mỹ được đưa ra sau đề xuất "
            "của Chủ tịch Trung Quốc Tập Cận Bình.")
    assert triples(text, "2017-02-10") == {("CHN", "REQUEST", "USA")}
    text = ("Ngày 10-2, Reuters dẫn lời Tổng thống Mỹ Donald Trump cho biết Washington sẽ tôn trọng chính sách "
            "\"một Trung Quốc\".")
    assert ("USA", "CONCEDE", "CHN") in triples(text, "2017-02-10")
    assert not triples("Ông Trump muốn thương lượng lại chính sách “một Trung Quốc”.", "2017-01-10")


def test_an_extradition_is_asked_of_the_state_holding_the_person():
    # dantri, 2021: Meng Wanzhou, held in Canada at the US's request
    text = ("Giới chức Canada bắt giữ bà Mạnh tại sân bay Vancouver vào ngày 1/12/2018 theo đề nghị của Mỹ. "
            "Washington cũng đề nghị dẫn độ bà Mạnh sang Mỹ để xét xử. Huawei bác bỏ cáo buộc về bà Mạnh Vãn Chu.")
    found = triples(text, "2021-09-25")
    assert {("CAN", "COERCE", "CHN"), ("USA", "REQUEST", "CAN")} <= found
    assert ("USA", "REQUEST", "CHN") not in found


def test_states_taking_part_in_one_drill_cooperate():
    # baomoi, Jun 2017: the Iranian-Chinese naval drill
    text = ("Cuộc tận trận này diễn ra tại khu vực phía Đông của eo biển Hormuz và biển Oman, với sự tham gia của một tàu "
            "khu trục Iran và hai tàu khu trục Trung Quốc cùng nhiều tàu khác.")
    assert {("IRN", "COOPERATE", "CHN"), ("CHN", "COOPERATE", "IRN")} <= triples(text, "2017-06-18")
    # a drill of many states names only some of them: no pairs
    text = ("Chương trình tập trận BALTOPS sẽ kéo dài tới ngày 16/6, huy động sự tham gia của 5.600 binh sĩ từ 12 nước "
            "NATO cùng với Phần Lan và Thụy Điển.")
    assert not any(t[1] == "COOPERATE" for t in triples(text, "2017-06-02"))
    # nor is a meeting's attendance a drill
    text = "Cuộc gặp giữa hai nhà lãnh đạo sẽ có sự tham gia của Ngoại trưởng Mỹ Rex Tillerson và Ngoại trưởng Nga Sergei Lavrov."
    assert not any(t[1] == "COOPERATE" for t in triples(text, "2017-07-06"))


def test_closing_another_states_property_sanctions_it():
    # baomoi, Jun 2017: Germany and North Korea's embassy guesthouse
    text = ("Đức, quốc gia chủ chốt trong EU, cũng đã tiến hành đóng cửa một nhà khách thuộc sở hữu của Đại sứ quán "
            "Triều Tiên tại Berlin.")
    assert triples(text, "2017-06-02") == {("DEU", "SANCTION", "PRK")}
    # baomoi, Jul 2017
    assert triples("Mỹ cũng đóng cửa hai cơ sở giải trí do Chính phủ Nga sở hữu tại Mỹ.", "2017-07-12") == {("USA", "SANCTION", "RUS")}


def test_rebels_withdrawing_give_ground_back_to_their_government():
    # baomoi, May 2017: the evacuation of Barzeh
    text = ("Ngày 8/5, hàng trăm phiến quân đã bắt đầu rút quân khỏi khu vực Barzeh, ngoại ô thủ đô Damascus, theo thỏa "
            "thuận sơ tán đã ký kết với Chính phủ Syria.")
    assert ("SYR", "RETREAT", "SYR") in triples(text, "2017-05-08")
    # but an opposition party and its government are no dyad for other acts
    text = "Lãnh đạo Công đảng đối lập Jeremy Corbyn kêu gọi bà May từ chức."
    assert ("GBR", "REQUEST", "GBR") not in triples(text, "2017-06-09")


def test_foreigners_arrested_with_no_agent_are_held_where_it_happened():
    # baomoi, Jun 2017: the two US journalists held in North Korea in 2009
    text = ("Hai nhà báo Mỹ này bị bắt ngày 17/3/2009 và bị truy tố với tội danh xâm nhập Triều Tiên bất hợp pháp để "
            "tiến hành chiến dịch bôi nhọ.")
    assert ("PRK", "COERCE", "USA") in triples(text, "2017-06-20")
    assert ("POL", "COERCE", "RUS") in triples("Một công dân Nga bị bắt giữ tại Ba Lan.", "2024-03-01")
    # "người Mỹ gốc Nhật": the other country is where they come from
    text = ("Trong khi đó những người Mỹ gốc Nhật đã nhận được những khoản bồi thường khi họ bị giam giữ trong Thế "
            "chiến II.")
    assert not any(t[1] == "COERCE" for t in triples(text, "2017-02-08"))


def test_the_papers_own_correspondent_is_no_relayed_claim():
    # baomoi, Jun 2017
    text = ("Theo phóng viên TTXVN tại Seoul, phát biểu tại một cuộc gặp với cựu Thủ tướng Anh David Cameron, nhà lãnh "
            "đạo Hàn Quốc kêu gọi Triều Tiên ngừng ngay các hành động khiêu khích.")
    events = analyze(text, date="2017-06-30").events
    assert {e.factuality for e in events if e.type == "REQUEST"} == {"asserted"}
    events = analyze("Theo hãng tin AFP, Nga tấn công Ukraine.", date="2024-03-01").events
    assert {e.factuality for e in events} == {"reported"}


def test_a_view_of_what_works_and_a_topic_furthered_are_no_events():
    # baomoi, Jul 2017: Moon's view of engagement with the North
    text = ("Trong khi tổng thống Hàn Quốc Moon Jae In cho rằng hợp tác với Bình Nhưỡng nhiều hơn là cách tốt nhất để "
            "hạn chế các chương trình tên lửa.")
    assert not triples(text, "2017-07-01")
    # but a launch told as a means still happened
    text = "Các chuyên gia cho rằng việc Triều Tiên phóng hàng loạt tên lửa ngày 8/6 là cách thể hiện sức mạnh."
    assert any(t[:2] == ("PRK", "MOBILIZE") for t in triples(text, "2017-06-09"))
    # baomoi, May 2017: what talks discussed furthering is their topic
    text = "Trung Quốc và Philippines đã thảo luận kỹ lưỡng về việc xúc tiến hợp tác thực tiễn trên biển."
    assert triples(text, "2017-05-20") == {("CHN", "CONSULT", "PHL"), ("PHL", "CONSULT", "CHN")}


def test_a_session_of_a_council_is_not_the_speakers_meeting():
    # baomoi, May 2017
    text = ("Bà Haley đưa ra tuyên bố cứng rắn sau phiên họp kín của Hội đồng bảo an LHQ (HĐBA), khẳng định Mỹ sẽ "
            "tiếp tục gây sức ép.")
    assert not any(t[1] == "CONSULT" for t in triples(text, "2017-05-17"))


def test_helping_in_diplomatic_efforts_is_cooperation_and_a_quoted_welcome_is_none():
    # baomoi, Jun 2017: the Gulf crisis mediation
    text = "Hiện Mỹ vẫn đang hỗ trợ Kuwait trong các nỗ lực hòa giải nhằm giải quyết bất đồng giữa Qatar và các nước Arab."
    assert ("USA", "COOPERATE", "KWT") in triples(text, "2017-06-20")
    assert ("USA", "AID", "KWT") not in triples(text, "2017-06-20")
    assert ("JPN", "AID", "PHL") in triples("Nhật Bản hỗ trợ Philippines trong việc tái thiết Marawi.", "2017-10-20")
    # baomoi, Jun 2017: an interception over the Black Sea
    text = "Bộ Quốc phòng Nga nói: “Máy bay tiêm kích Nga đã thực hiện động tác bay “chào đón” các phi công Mỹ”."
    assert not any(t[1] == "CONSULT" for t in triples(text, "2017-06-21"))
    # a quoted readiness is still one
    text = "Bộ trưởng Thương mại Mỹ Wilbur Ross cho biết Washington \"sẵn sàng\" nối lại các cuộc đàm phán với Liên minh châu Âu."
    assert any(e.type == "AGREE" for e in analyze(text, date="2017-05-31").events)
