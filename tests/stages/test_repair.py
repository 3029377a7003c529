from vnevents.resources import load
from vnevents.stages.ingest import from_text
from vnevents.stages.repair import normalize_tones, repair, repair_diacritics

from ..conftest import EXAMPLES


def test_tone_marks_move_to_one_placement():
    assert normalize_tones("hoà bình, thuỷ quân, khoẻ") == "hòa bình, thủy quân, khỏe"
    # closed syllables and qu- keep their placement
    assert normalize_tones("hoàn thành, quý, thuyền") == "hoàn thành, quý, thuyền"


def test_damaged_diacritics_are_repaired_on_the_damaged_seed():
    text = (EXAMPLES / "001_75dbe35eade5f37d.txt").read_text(encoding="utf-8")
    fixed, repairs = repair_diacritics(text)
    assert "đă " not in fixed and "lănh" not in fixed and "Chưa rơ" not in fixed
    assert "đã tham gia" in fixed and "lãnh thổ" in fixed and "Chưa rõ" in fixed
    assert {r["from"] for r in repairs} >= {"đă", "lănh", "rơ"}
    # genuine words with ă / ơ stay
    assert "tăng cường" in fixed and "chuyến thăm" in fixed and "Ngoại trưởng" in fixed


def test_clean_text_is_left_alone():
    text = (EXAMPLES / "000_80fee103ab6e860c.txt").read_text(encoding="utf-8")
    fixed, repairs = repair_diacritics(text)
    assert repairs == [] and fixed == text


def test_web_debris_becomes_metadata_or_goes():
    article = from_text((EXAMPLES / "003_a702ee0b46030dc5.txt").read_text(encoding="utf-8"))
    repair(article, load())
    assert article.title == "Quân đội Nga - Mỹ bí mật phối hợp hoạt động tại Syria?"
    assert article.date == "2017-02-18"
    assert (article.author, article.agency) == ("Nguyễn Hùng", "VOV")
    for debris in ("Theo dõi trên", "Bình luận", "Bài liên quan", "POWERED BY", "Đừng bỏ lỡ", "09:10"):
        assert debris not in article.text
    assert article.title not in article.text  # neither at the top nor repeated at the end
    assert "  " not in article.text
    assert article.text.startswith("Dù vẫn chưa có bước đột phá")
