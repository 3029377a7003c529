"""Places on real sentence shapes: towns after place words, capitals, countries, and where an event happened."""
from vnevents import analyze

from ..conftest import validate


def located(text, date="2017-02-18"):
    article = analyze(text, date=date)
    validate(article.to_dict())
    return article


def test_the_event_happens_at_the_place_named_with_a_place_word():
    # seed 003: the target is Russia, the place is the town al-Bab in Syria
    article = located("Trong cuộc gọi này, quân đội Mỹ đã cho Nga tọa độ của mục tiêu khủng bố tại thành phố al-Bab ở Syria.")
    [event] = article.events
    place = event.to_dict()["place"]
    assert (place["text"], place["country"], place["precision"]) == ("al-Bab", "SYR", "city")
    assert abs(place["latitude"] - 36.37) < 0.1 and abs(place["longitude"] - 37.52) < 0.1
    assert article.text[place["start"]:place["end"]] == "al-Bab"


def test_a_meeting_in_a_foreign_city():
    [event] = located("Ngoại trưởng Mỹ Rex Tillerson đã gặp Ngoại trưởng Nga Sergei Lavrov tại Bonn.").events
    assert (event.location.place.name, event.location.place.country) == ("Bonn", "DEU")


def test_a_target_country_is_not_where_it_happened_without_a_place_word():
    [event] = located("Nga đã gửi vũ khí tới Niger.", "2024-04-11").events
    assert event.location is None


def test_a_country_in_a_place_phrase_is_a_country_wide_place():
    [event] = located("Nga đã triển khai quân ở Niger để huấn luyện quân đội nước này.", "2024-04-11").events
    assert event.location is not None and event.location.place.precision == "country"
    assert event.location.place.country == "NER"


def test_towns_act_for_their_country_and_rebels_belong_where_they_fight():
    [event] = located("Không quân Philippines đã không kích phiến quân Maute tại Marawi.", "2017-06-05").events
    assert (event.source.country, event.target.country, event.target.code) == ("PHL", "PHL", "PHLREB")
    assert event.location.place.name == "Marawi City"


def test_vietnamese_town_names_and_capitals_are_on_the_map():
    article = located("Thủ tướng Australia đến Thượng Hải rồi tới Bắc Kinh.", "2023-11-05")
    places = {m.text: m.place for m in article.mentions if m.place}
    assert places["Thượng Hải"].name == "Shanghai" and places["Thượng Hải"].country == "CHN"
    assert places["Bắc Kinh"].name == "Beijing"


def test_a_capitalised_word_is_not_a_town():
    article = located("Theo Reuters, Nam và Bắc Triều Tiên đã họp. Ảnh: AP.", "2018-04-27")
    assert not [m for m in article.mentions if m.kind == "place" and m.text in ("Theo", "Nam", "Ảnh")]


def test_a_seat_of_an_institution_after_a_place_word_is_the_city():
    from vnevents import analyze

    found = {m.text: m for m in analyze("Hàng nghìn người tuần hành ở thủ đô Brussels (Bỉ).", date="2017-05-24").mentions}
    assert found["Brussels"].kind == "place" and found["Brussels"].actor.country == "BEL"
    found = {m.text: m for m in analyze("Brussels đã áp đặt trừng phạt đối với Nga.", date="2017-05-24").mentions}
    assert found["Brussels"].actor.code == "EUR"


def test_a_known_family_name_is_no_town():
    from vnevents import analyze

    found = {m.text: m for m in analyze("Bà tham gia các cuộc đàm phán dưới thời cựu Tổng thống Bill Clinton và Bush.",
                                        date="2017-06-01").mentions}
    assert found["Bush"].kind == "name" and found["Bush"].actor is None
