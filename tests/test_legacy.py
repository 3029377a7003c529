"""Legacy Vietnamese encodings: every letter survives TCVN3 and VNI, decode_bytes picks the right
reading of unknown bytes or refuses clearly, and fix_legacy_text repairs mojibake but never clean
text."""
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnevents.legacy import (
    UPPERCASE_LETTERS,
    VIETNAMESE_LETTERS,
    decode_bytes,
    decode_tcvn3,
    decode_vni,
    encode_cp1258,
    encode_tcvn3,
    encode_vni,
    fix_legacy_text,
    is_syllable,
)

SENTENCES = [
    "Ngoại trưởng Nga Sergei Lavrov cho biết Nga chuẩn bị gửi thêm thiết bị quân sự tới Burkina Faso.",
    "Quân đội Niger đã tiến hành đảo chính, lật đổ Tổng thống Mohamed Bazoum.",
    "Hòa bình, độc lập, tự do, hạnh phúc: Đường sắt Bắc – Nam được nâng cấp.",
    "Thủ tướng Chính phủ yêu cầu các bộ, ngành khẩn trương khắc phục hậu quả của bão số 3.",
    "Người dân ở huyện Mường Tè, tỉnh Lai Châu, đã nhận được hỗ trợ lương thực và nước uống.",
    "ĐẠI HỘI ĐẢNG CỘNG SẢN VIỆT NAM LẦN THỨ XIV KHAI MẠC TẠI HÀ NỘI",
]
UPPERCASE = UPPERCASE_LETTERS
TCVN3_CAPITALS = "ĂÂĐÊÔƠƯ"  # the only capitals TCVN3 (VN3) has codes for
ENCODERS = {"tcvn3": encode_tcvn3, "vni": encode_vni, "cp1258": encode_cp1258}
NOT_VIETNAMESE = {
    "French in cp1252": "Le président français a visité l'Élysée à Paris, où il a rencontré des élèves.".encode(
        "cp1252"
    ),
    "German in cp1252": "Die Bürger über die Straßenbahn: schön, grün, müde und fröhlich.".encode("cp1252"),
    "Spanish in Latin-1": "El presidente habló con los ministros sobre la situación económica del país.".encode(
        "latin-1"
    ),
    "Russian in cp1251": "Министр иностранных дел России Сергей Лавров заявил, что Россия поможет.".encode("cp1251"),
    "English with one accent": "Dinner is served à la carte tonight.".encode("cp1252"),
    # short words that happen to be Vietnamese syllables (lá, só, há, vê), but not most of them
    "Portuguese in cp1252": "Ele já está lá e só não vê porque há nós também.".encode("cp1252"),
}


# --- the letters and the two font encodings -----------------------------------------------------


def test_there_are_67_small_and_67_capital_letters_beyond_ascii():
    letters = set(VIETNAMESE_LETTERS) | set(UPPERCASE)
    assert len(VIETNAMESE_LETTERS) == 67 and len(letters) == 134
    assert all(capital == small.upper() for small, capital in zip(VIETNAMESE_LETTERS, UPPERCASE))
    assert {"đ", "Đ", "ư", "Ự", "ỵ", "Ỵ", "ẵ", "Ẵ"} <= letters
    for letter in letters:
        assert len(letter) == 1 and not letter.isascii() and unicodedata.normalize("NFC", letter) == letter


def test_every_small_letter_has_its_own_tcvn3_byte():
    codes = [encode_tcvn3(letter) for letter in VIETNAMESE_LETTERS]
    assert all(len(code) == 1 and code[0] >= 0xA1 for code in codes)
    assert len(set(codes)) == 67
    for letter in VIETNAMESE_LETTERS:
        # after a consonant, as in a syllable: a toned vowel opening the text would be capitalised
        assert decode_tcvn3(encode_tcvn3("b" + letter)) == "b" + letter


@pytest.mark.parametrize("capital", UPPERCASE)
def test_tcvn3_capitals_round_trip_where_tcvn3_can_tell(capital):
    small = capital.lower()
    if capital in TCVN3_CAPITALS:
        assert encode_tcvn3(capital) != encode_tcvn3(small) and 0xA1 <= encode_tcvn3(capital)[0] <= 0xA7
        assert decode_tcvn3(encode_tcvn3("b" + capital)) == "b" + capital
    else:
        # VN3 has no code for a capital toned vowel: it shares the small letter's byte ...
        assert encode_tcvn3(capital) == encode_tcvn3(small)
        assert decode_tcvn3(encode_tcvn3("b" + capital)) == "b" + small
    # ... and comes back a capital in a word written in capitals, and opening a sentence
    assert decode_tcvn3(encode_tcvn3(f"NG{capital}N")) == f"NG{capital}N"
    assert decode_tcvn3(encode_tcvn3(f"Xong. {capital}")) == f"Xong. {capital}"


def test_tcvn3_case_rules_on_whole_words():
    assert decode_tcvn3(encode_tcvn3("ĐẢNG CỘNG SẢN VIỆT NAM")) == "ĐẢNG CỘNG SẢN VIỆT NAM"
    openings = "Ủy ban họp. Ở Hà Nội trời mưa.\nẤn Độ"
    assert decode_tcvn3(encode_tcvn3(openings)) == openings
    assert decode_tcvn3(encode_tcvn3("Đà Nẵng")) == "Đà Nẵng"  # one capital first: "ĐÀ" is the same bytes
    # documented limitation: a capital toned vowel inside a sentence cannot be told from a small one
    assert decode_tcvn3(encode_tcvn3("Hoa Kỳ và Ấn Độ")) == "Hoa Kỳ và ấn Độ"


# TCVN 5712:1993 VN3 as the standard prints it: runs of letters on consecutive bytes.
TCVN3_RUNS = {
    0xA1: "ĂÂÊÔƠƯĐăâêôơưđ",
    0xB5: "àảãáạ",
    0xBB: "ằẳẵắ",
    0xC6: "ặầẩẫấậè",
    0xCE: "ẻẽéẹềểễếệìỉ",
    0xDC: "ĩíịò",
    0xE1: "ỏõóọồổỗốộờởỡớợù",
    0xF1: "ủũúụừửữứựỳỷỹýỵ",
}


def test_tcvn3_bytes_are_those_of_the_standard():
    for start, run in TCVN3_RUNS.items():
        assert encode_tcvn3(run) == bytes(range(start, start + len(run))), hex(start)
    assert sum(map(len, TCVN3_RUNS.values())) == 67 + len(TCVN3_CAPITALS)
    assert encode_tcvn3("Việt Nam") == b"Vi\xd6t Nam"
    assert encode_tcvn3("Hà Nội") == b"H\xb5 N\xe9i"
    assert encode_tcvn3("được") == b"\xae\xad\xeec"
    assert encode_tcvn3("Đ") == b"\xa7" and encode_tcvn3("đ") == b"\xae"
    assert encode_tcvn3("ăâêôơư") == bytes(range(0xA8, 0xAE))
    assert encode_tcvn3("Chính phủ").decode("cp1252") == "ChÝnh phñ"


@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS + UPPERCASE)
def test_every_letter_round_trips_through_vni(letter):
    assert decode_vni(encode_vni(letter)) == letter
    assert decode_vni(encode_vni("b" + letter + "n")) == "b" + letter + "n"


def test_vni_spellings_are_distinct_and_survive_any_neighbours():
    spellings = [encode_vni(letter) for letter in VIETNAMESE_LETTERS + UPPERCASE]
    assert len(set(spellings)) == 134
    # every letter next to every other, and next to the plain vowels VNI builds its letters on
    text = "".join(VIETNAMESE_LETTERS + UPPERCASE) + "o".join(VIETNAMESE_LETTERS) + "a".join(UPPERCASE)
    assert decode_vni(encode_vni(text)) == text


def test_vni_spellings_are_those_of_vni_windows():
    cases = {
        "Việt Nam": "Vieät Nam", "VIỆT NAM": "VIEÄT NAM", "đ": "ñ", "Đ": "Ñ", "người": "ngöôøi",
        "được": "ñöôïc", "tỉnh": "tænh", "nghĩa": "nghóa", "Thụy Sĩ": "Thuïy Só", "kỵ": "kî", "ăn": "aên",
        # each kind of letter through sắc, huyền, hỏi, ngã, nặng
        "áàảãạ": "aùaøaûaõaï", "ấầẩẫậ": "aáaàaåaãaä", "ắằẳẵặ": "aéaèaúaüaë", "íìỉĩị": "íìæóò",
        "ớờởỡợ": "ôùôøôûôõôï", "ứừửữự": "öùöøöûöõöï", "ýỳỷỹỵ": "yùyøyûyõî", "ỐỒỔỖỘ": "OÁOÀOÅOÃOÄ",
    }
    for text, vni in cases.items():
        assert encode_vni(text) == vni.encode("cp1252")


def test_encoders_refuse_what_the_encoding_cannot_hold():
    with pytest.raises(ValueError, match="TCVN3"):
        encode_tcvn3("Müller")  # 0xFC would read back as ỹ
    with pytest.raises(ValueError, match="VNI"):
        encode_vni("Müller")  # 0xFC is VNI's breve-and-tilde mark
    with pytest.raises(ValueError, match="Windows-1258"):
        encode_cp1258("北京")
    # why encode_cp1258 exists: Python's codec has no precomposed ệ
    with pytest.raises(UnicodeEncodeError):
        "Việt".encode("cp1258")


# --- decode_bytes ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ENCODERS)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_decode_bytes_finds_the_legacy_encoding(sentence, encoding):
    raw = ENCODERS[encoding](sentence)
    converted = decode_bytes(raw)
    assert (converted.encoding, converted.text) == (encoding, sentence)


def test_decode_bytes_of_a_whole_tcvn3_document_counts_the_letters_it_mapped():
    document = "\n".join(SENTENCES)
    converted = decode_bytes(encode_tcvn3(document))
    letters = sum(char in VIETNAMESE_LETTERS or char in UPPERCASE for char in document)
    assert converted.text == document
    assert converted.detail.startswith(f"decoded as TCVN3 (ABC): {letters} letters mapped")


def test_decode_bytes_reads_windows_1258_written_by_hand():
    # "Việt Nam đã": ê (0xEA) then a combining dot below (0xF2); đ (0xF0), a, combining tilde (0xDE)
    raw = b"Vi\xea\xf2t Nam \xf0a\xde"
    converted = decode_bytes(raw)
    assert (converted.encoding, converted.text) == ("cp1258", "Việt Nam đã")
    assert "normalised to NFC" in converted.detail
    assert encode_cp1258("Việt Nam đã") == raw


@pytest.mark.parametrize(
    ("text", "encoding", "rival_reading"),
    [
        ("Chủ của công ty", "vni", "Chuỷ cuỷa coõng ty"),  # VNI "Chuû cuûa coâng ty" read as TCVN3
        ("công an", "vni", "coõng an"),
        ("chống Nga", "vni", "choáng Nga"),  # read as Windows-1258: a real word, but a rarer one
        ("chống Nga", "tcvn3", "chèng Nga"),
    ],
)
def test_word_frequency_breaks_a_tie_between_well_formed_readings(text, encoding, rival_reading):
    # Both readings are well-formed syllables throughout; only word frequency tells them apart.
    assert all(is_syllable(word) for word in rival_reading.split() if not word.isascii())
    converted = decode_bytes(ENCODERS[encoding](text))
    assert (converted.encoding, converted.text) == (encoding, text)


@pytest.mark.parametrize(
    "raw",
    [
        SENTENCES[0].encode("utf-16"),  # the platform's byte order, with its BOM
        b"\xff\xfe" + SENTENCES[0].encode("utf-16-le"),
        b"\xfe\xff" + SENTENCES[0].encode("utf-16-be"),
    ],
)
def test_decode_bytes_reads_utf16_with_a_bom(raw):
    assert decode_bytes(raw).text == SENTENCES[0]
    assert decode_bytes(raw).encoding == "utf-16"


def test_decode_bytes_reads_utf8_with_and_without_bom_and_normalises():
    sentence = SENTENCES[1]
    with_bom = decode_bytes(sentence.encode("utf-8-sig"))
    assert (with_bom.encoding, with_bom.text) == ("utf-8", sentence)
    plain = decode_bytes(sentence.encode("utf-8"))
    assert (plain.encoding, plain.text) == ("utf-8", sentence)
    decomposed = decode_bytes(unicodedata.normalize("NFD", sentence).encode("utf-8"))
    assert decomposed.text == sentence and "NFC" in decomposed.detail


def test_decode_bytes_refuses_binary_junk():
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(bytes(range(256)) * 3)
    with pytest.raises(ValueError, match="UTF-16 without a byte order mark"):
        decode_bytes(SENTENCES[0].encode("utf-16-le"))


@pytest.mark.parametrize("raw", NOT_VIETNAMESE.values(), ids=NOT_VIETNAMESE)
def test_decode_bytes_refuses_other_languages_in_8bit_encodings(raw):
    with pytest.raises(ValueError, match=r"not UTF-8 \(byte 0x[0-9a-f]{2} at offset \d+\).*Vietnamese"):
        decode_bytes(raw)


def test_decode_bytes_names_damaged_utf8_as_such():
    raw = SENTENCES[1].encode("utf-8").replace(b" ", b"\xff", 1)
    with pytest.raises(ValueError, match="UTF-8 with damaged bytes"):
        decode_bytes(raw)


# --- fix_legacy_text ---------------------------------------------------------------------------


@pytest.mark.parametrize("read_as", ["cp1252", "latin-1"])
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_fix_legacy_text_repairs_mojibake(sentence, encoding, read_as):
    mojibake = ENCODERS[encoding](sentence).decode(read_as)
    fixed = fix_legacy_text(mojibake)
    assert fixed is not None
    assert (fixed.encoding, fixed.text) == (encoding, sentence)
    assert "letters mapped" in fixed.detail


def test_fix_legacy_text_repairs_the_familiar_examples():
    assert fix_legacy_text("ViÖt Nam").text == "Việt Nam"
    assert fix_legacy_text("Vieät Nam").text == "Việt Nam"


@pytest.mark.parametrize(
    "text",
    SENTENCES
    + [
        "Hòa bình là cô bé",  # clean Vietnamese whose letters all sit in Latin-1
        "mét",  # TCVN3 for "một", and a word itself
        "The café on the corner sells naïve art and résumé templates.",
        "Dinner is served à la carte tonight.",
        "© 2024 Reuters — all rights reserved",
        "Die Bürger über die Straßenbahn: schön, grün, müde.",
        "São Paulo é a maior cidade do Brasil",
        "Plain ASCII English text about the Niger coup.",
        "",
    ],
)
def test_fix_legacy_text_leaves_clean_text_alone(text):
    assert fix_legacy_text(text) is None


def test_fix_legacy_text_leaves_unicode_text_quoting_a_legacy_spelling_alone():
    # Read as VNI, the quoted "Vieät" would become a syllable and the reading would beat the text;
    # but ư, ữ, ệ cannot come out of an 8-bit reading, so this is Unicode and stays as it is.
    assert fix_legacy_text("Trong bảng mã VNI, chữ “Việt” được viết là “Vieät”.") is None


def test_fix_legacy_text_stays_out_when_both_readings_are_vietnamese():
    # TCVN3 "có một" read as cp1252 is "cã mét", itself well-formed: too close to call, so no repair
    assert fix_legacy_text(encode_tcvn3("có một").decode("cp1252")) is None


VOCABULARY = sorted({word.strip(".,:–") for sentence in SENTENCES for word in sentence.split()} - {""})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=30))
def test_fix_legacy_text_never_touches_clean_vietnamese(words):
    assert fix_legacy_text(" ".join(words)) is None


# --- syllables ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["người", "được", "khuyến", "Nguyễn", "VIỆT", "quốc", "giữ", "thuở", "oanh", "yêu", "ấy", "khuya"]
)
def test_vietnamese_syllables_are_recognised(word):
    assert is_syllable(word)


@pytest.mark.parametrize(
    "word",
    [
        "Sergei",  # a foreign name
        "ViÖt",  # TCVN3 mojibake
        "Vieät",  # VNI mojibake
        "tƯ",  # a capital after a small letter
        "bàt",  # huyền before a final t
        "mac",  # a final c needs sắc or nặng
        "lănh",  # ă never takes a final nh
        "hà\u0301",  # two tones on one vowel
        "Müller",
    ],
)
def test_other_words_are_not_syllables(word):
    assert not is_syllable(word)
