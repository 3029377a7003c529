"""Events: code each sentence into PLOVER events with source, target, mode, context, factuality.

For every trigger phrase of data/patterns.yaml found in a sentence (longest first):
1. Negation right before the trigger drops the event or turns it into a REJECT.
2. Source: the nearest actor before the trigger that stands as a subject (not after a
   preposition such as với / cho / ở), within the clause; a clause with no subject of its own
   inherits the sentence's; nominal triggers ("chuyến thăm") fall back to the actor after them.
3. Target: "giữa A và B" gives both; else the first actor after one of the pattern's
   prepositions ("gửi ... tới B"); else the first actor after the trigger; a place ("ở Niger")
   only where the pattern allows it. The coup frame makes the country's own military the source.
4. References ("nước này", "họ") resolve to the nearest earlier actor from another country than
   the event's other participant. Conjoined actors ("Mali, Burkina Faso và Niger") give one event
   each.
5. Factuality, speaker, outlets (via), date, context, CAMEO root, QuadClass, Goldstein and a
   confidence from how the arguments were found.
Sentence structure is read from the word sequence; no dependency parser runs offline for Vietnamese.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..models import Actor, ActorRef, Article, Event, Evidence, Location, Mention, Sentence, TimeExpression
from ..ontology import DEFAULT_CAMEO_ROOT, cameo_roots
from ..resources import UNUSUAL_CASE, PhraseScanner, Resources, alternatives, phrase_pattern, trie_alternatives
from . import segment

_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")

# Types whose events say something even without a target ("Myanmar đồng ý", a coup, a protest).
# An attack or a deployment with no target at all was wrong more often than right on the dev set.
NO_TARGET_TYPES = {"PROTEST", "RETREAT"}
HOSTILE_TYPES = ("ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE")
# Patterns whose trigger answers a request ("nhận lời", "từ chối"): with no target, the asker is it.
ANSWER_PATTERNS = {"agree-commit", "agree-invitation", "reject"}
ANSWER_OPENER_REACH = 8  # sentences back an answer opening with "Về phần mình" may reach for its asker
# Types where source and target may share a country (a coup, a crackdown, a civil war).
DOMESTIC_TYPES = {"COERCE", "PROTEST", "ASSAULT"}
# How each way of finding an argument moves an event's confidence (see the reliability table of
# `vnevents eval`): structural cues raise it, guesses lower it.
CONFIDENCE_EVIDENCE = {
    "between": 0.1, "passive": 0.05, "target-prep": 0.05, "nominal-agent": 0.0, "mutual": 0.0,
    "subject-far": -0.1, "subject-owner": -0.1, "locative": -0.15, "reference": -0.15, "pair": -0.1,
    "source-after": -0.15, "source-next-sentence": -0.2, "context": -0.1, "bloc": -0.1, "implied-holder": -0.1,
}
# Types whose trigger after "người", "lực lượng"... names a group, not an event.
NOUN_HEAD_TYPES = {"PROTEST", "SUPPORT", "AID", "COOPERATE", "THREATEN"}
# Types a group with no country ("khủng bố", "phiến quân") can be the source of.
GROUP_SOURCE_TYPES = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "PROTEST", "REJECT", "RETREAT"}
# Groups that belong to the country where they are ("phiến quân tại Marawi"); terrorists
# ("khủng bố", UAF) are coded without one, as the seed gold does.
LOCAL_GROUP_ROLES = {"REB", "OPP"}
COOPERATIVE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
# Types where conjoined subjects with no target act toward each other.
MUTUAL_TYPES = {"AGREE", "CONSULT", "COOPERATE", "RETREAT"}
# Syllables: how far an absorbing trigger reaches over the next verb.
ABSORB_REACH = 8
TARGET_REACH_CHARS = 210  # about 30 syllables: a target further than that belongs to another clause
PREP_GAP = 3  # syllables allowed between a target preposition and its actor ("tới hỗ trợ quốc gia này")
ANCHOR_SENTENCES = 2  # how far back "Sau cuộc đảo chính" looks for the date of what it follows
MODAL_WINDOW = 8  # syllables: "muốn tìm cách nhanh chóng khởi động đàm phán" is still a wish
SENTENCE_SUBJECT_REACH = 6  # a sentence's subject stands among its first words (after "Tuy nhiên, ...")
MUTUAL_MAX_PARTIES = 4  # conjoined parties acting toward each other, at most
WORD_WINDOW = 3  # syllables on each side of a cue given to the segmenter
IMPLIED_MILITARY = "(quân đội, suy ra)"  # the text shown for a coup's implied author
COUP_VICTIM_REACH = 8  # "đảo chính quân sự lật đổ Tổng thống lâm thời X": the victim follows closely


@dataclass
class Pattern:
    id: str
    type: str
    triggers: list[str]
    mode: str | None = None
    context: str | None = None
    target_preps: list[str] = field(default_factory=list)
    frame: str = "svo"
    absorbs: bool = False
    negated: str = "drop"
    needs_target: bool | None = None
    future_only: bool = False
    locative_target: bool = False
    target_needs_prep: bool = False
    object_before: bool = False
    requires: str | None = None  # a regex that must match within `requires_reach` syllables after the trigger
    requires_reach: int = 12
    not_after: list[str] = field(default_factory=list)  # words that make the trigger part of another word ("trực tiếp")
    noun: bool = False  # the triggers are nouns for those who act ("các đội cứu hộ từ Mỹ")
    cameo: str | None = None
    confidence: float = 0.6
    example: str | None = None



# "bị"/"được" right before the verb, but not the "bị" of chuẩn bị, thiết bị, trang bị, dự bị.
_PASSIVE_BEFORE = re.compile(r"(?<!chuẩn )(?<!thiết )(?<!trang )(?<!dự )(?<!phòng )(?<!đạt )(?<!có )(?<!nhận )(?<!giành )(?<!làm )(?<![\w])(?:bị|được)\s+$", re.IGNORECASE)
_ALSO_BEFORE = re.compile(r"(?:,\s*|\s)(?:đồng thời|và đồng thời|cũng như)\s+(?:\w+\s+)?$", re.IGNORECASE)
_AGREED_TO_PROPOSAL = re.compile(r"\s+(?:với\s+)?(?:các\s+|những\s+)?(?:đề xuất|kế hoạch|đề nghị|yêu cầu|lời kêu gọi|sáng kiến)(?!\w)", re.IGNORECASE)
_NEW_CLAUSE_AFTER = re.compile(r"\s+(?:mỗi nước\s+|mỗi bên\s+|mỗi quốc gia\s+)?(?:cũng|đều|đã|sẽ|đang)(?!\w)", re.IGNORECASE)
_GIVER_BEFORE = re.compile(r"(?<![\w])(?:từ|của)\s+(?:phía\s+|(?:các|một số|nhiều)\s+(?:nước|quốc gia)(?:\s+như)?\s+)?$", re.IGNORECASE)
# "vụ không kích của quân đội Mỹ", "vụ tấn công của liên quân do Mỹ đứng đầu", "cuộc tấn công do IS
# thực hiện", "lời xin lỗi chính thức từ chính phủ Mỹ": a nominal event with its agent after "của",
# "do" or "từ".
_NOMINAL_AGENT = re.compile(r"\s+(?:\w+\s+){0,3}?\(?(?:của\s+(?:(?:liên quân|liên minh|lực lượng)(?:\s+\w+){0,2}?\s+do\s+|(?:đặc nhiệm|biệt kích|lính|máy bay|tàu|pháo binh)\s+)?|do\s+|từ\s+(?:phía\s+)?)$", re.IGNORECASE)
# ("bị một tàu Triều Tiên bắt giữ": a vessel or aircraft of the agent's)
_AGENT_BEFORE = re.compile(r"(?<![\w])(?:bị|được)\s+(?:phía\s+|(?:(?:một|các|những|hai|ba)\s+)?(?:tàu|máy bay)(?:\s+[\w-]+){0,3}?\s+)?$", re.IGNORECASE)
# What may stand between a subject and its verb: "hôm nay đã", "ngày 3/6 cũng".
_TIME_AND_ASPECT = re.compile(r"[\s,]*(?:(?:hôm nay|hôm qua|sáng nay|chiều nay|tối qua|ngày \d+(?:[/.-]\d+)*|đã|cũng|vừa|mới|sẽ|đang|vẫn|còn)[\s,]+)*", re.IGNORECASE)
# What may open a clause before a participle with no subject: "Trước đó cùng ngày, trao đổi với ..."
_OPENING_ADVERBIAL = re.compile(r"[\s,]*(?:[^\s,][^,]{0,30},\s*)?")
_VICTIM_BEFORE = re.compile(r"(?<![\w])nhằm vào\s+(?:[\w-]+\s+){0,5}$", re.IGNORECASE)
_PASSIVE_RIGHT_AFTER = re.compile(r"\s*(?:rằng\s+)?(?:(?:đã|sẽ|vừa|đang|cũng|từng)\s+)*(?:bị|được)\s+(?:\w+\s+)?", re.IGNORECASE)
_CLAUSE_SUBJECT_AFTER = re.compile(r"\s+(?:đã|đang|sẽ|vẫn|từng|cũng)\s", re.IGNORECASE)
_CAUSE_BEFORE = re.compile(r"(?<!\w)(?:bởi|bởi vì|vì|với lý do|lý do là)\s+$", re.IGNORECASE)
_BECAUSE_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(?:vì|bởi vì|bởi)\s+", re.IGNORECASE)
# "điện đàm với lãnh đạo Đài Loan và đe dọa ...": what follows "và" is another verb, with an object of its own
_AND_VERB = re.compile(r"\svà\s")
_AND_JUNCTION = re.compile(r"\s*(?:,\s*)?và\s*")
_EXTRADITED_BEFORE = re.compile(r"(?<!\w)(?:dẫn độ|trao trả|trục xuất)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# A joint activity whose participants are listed after it ("với sự tham gia của ...")
_JOINT_ACTIVITY = re.compile(r"(?<!\w)(?:tập trận|diễn tập|tận trận|tuần tra chung|huấn luyện chung)(?!\w)", re.IGNORECASE)
_ACTIVITY_OWNER_GAP = re.compile(r"\s+(?:\w+\s+){0,3}?của\s+", re.IGNORECASE)
MAX_PARTNERS = 3
_MANY_STATES = re.compile(r"(?<!\w)(?:\d+|các|nhiều|hàng chục)\s+(?:nước|quốc gia)(?!\w)", re.IGNORECASE)
_OWN_CORRESPONDENT = re.compile(r"(?:[Tt]heo\s+)?(?:các\s+)?phóng viên(?:\s+thường trú)?(?:\s+(?:của\s+)?(?:hãng tin|báo|đài))?\s+$")
_FROM_BEFORE = re.compile(r"(?<!\w)khỏi\s+[^.;:]{0,45}$", re.IGNORECASE)
_OPINION_COPULA_AFTER = re.compile(r"[^,.;:“”\"]{0,50}?\s(?:là|mới là|sẽ là)\s+(?:cách|biện pháp|con đường|giải pháp|lựa chọn|phương án|lối thoát)(?!\w)", re.IGNORECASE)
_UNNAMED_OWNER_AFTER = re.compile(r"\s+(?:kín|chung|riêng|thường kỳ|khẩn cấp|đặc biệt)?\s*của\s+(?:Hội đồng|Ủy ban|Quốc hội|Thượng viện|Hạ viện|Liên minh|Tổ chức|Nhóm)(?!\w)")
_SESSION_BEFORE = re.compile(r"(?<!\w)phiên\s+$", re.IGNORECASE)
_OWNER_OF_END = re.compile(r"(?<![\w])của\s+$")  # "... của " right before a mention: it owns what precedes
_AT_REQUEST = re.compile(r"(?<!\w)theo\s+(?:như\s+)?$", re.IGNORECASE)
# "quyết định của Tổng thống Mỹ được đưa ra sau đề xuất của Chủ tịch Trung Quốc": a request named
# as what came first is a noun; its owner asked the clause's subject
_AFTER_REQUEST = re.compile(r"(?<!\w)(?:được\s+)?(?:đưa ra|thực hiện|công bố|ban hành)\s+sau\s+$", re.IGNORECASE)
_OWNER_AFTER = re.compile(r"\s+(?:của|trên|này|đó)(?!\w)")
_DEMAND_NOUN_BEFORE = re.compile(r"(?<!\w)(?:các|những|mọi|lời|với)\s+$", re.IGNORECASE)
# "cần có", "cần đến" (a need), "phải chịu đựng", "phải đối mặt" (a hardship): no duty laid on anyone
_NEED_AFTER = re.compile(r"\s+(?:có|được|thêm|nhiều|sự|đến|tới|một|những|các|chịu|chịu đựng|hứng chịu|gánh chịu|đối mặt|trả giá)(?!\w)", re.IGNORECASE)
_QUOTE_BETWEEN = re.compile(r"[”\"]")
_RIGHT_BEFORE_MODAL = re.compile(r"\s*(?:cũng\s+|thì\s+)?", re.IGNORECASE)  # "Washington cũng nên"
_SAID_OPENS = re.compile(r"\s*(?:,\s*)?(?:rằng\s+|là\s+)?(?:,\s*)?(?:\w+\s+){0,2}?", re.IGNORECASE)
# (a border names a place of the act: "rút khỏi khu vực biên giới với Ukraine" is aimed at Ukraine)
_RELATED_TO_BEFORE = re.compile(r"(?<!\w)liên quan\s+(?:tới|đến|với)\s+$", re.IGNORECASE)
_TOLD_TO = re.compile(r"(?<!\w)(?:nói|khẳng định|cam kết|bày tỏ|trao đổi|cho biết|nhấn mạnh|hứa)\s+với\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_REGARDED_AS = re.compile(r"(?<!\w)(?:coi|xem)(?!\s+xét)[^.;]{0,160}?\s(?:là|như)\s+(?:một\s+|mối\s+|sự\s+|những\s+)?[“\"]?$", re.IGNORECASE)
# "(hạn chót) mà A, B đặt ra để Doha phải ...": terms set for someone; not "buộc Y phải" (forced)
_SO_THAT_BEFORE = re.compile(r"(?<!\w)(?:đặt ra|đưa ra)\s+(?:[\w]+\s+){0,3}?để\s+$", re.IGNORECASE)
_COPULA = re.compile(r"\s(?:là|như)\s")
_TO_HELP = re.compile(r"\s*(?:để|nhằm)\s+(?:giúp|giúp đỡ|hỗ trợ)\s+", re.IGNORECASE)
# What is asked for ends where the asker's next verb begins ("kêu gọi X ..., đồng thời cảnh báo ...").
_CONTENT_END = re.compile(r",?\s(?:đồng thời|và đồng thời|cũng như|, và)\s|[,;:]\s")
_IF_ACTOR = re.compile(r"\bnếu\s+(?:(?:phía|chính quyền|chính phủ)\s+)?")
# "áp thuế đối với các mặt hàng nhập khẩu từ Trung Quốc": a tariff or ban on a country's goods is aimed at the country
_GOODS_OF = re.compile(r"\s*(?:các\s+|những\s+|mọi\s+)?(?:mặt hàng|hàng hóa|hàng hoá|sản phẩm|hàng)(?:\s+[\w-]+){0,3}?\s+(?:nhập khẩu\s+)?(?:từ|của|do)\s+", re.IGNORECASE)
# "chỉ đàm phán nếu", "chỉ ngồi vào bàn đàm phán khi": an offer on a condition refuses until it is met
_ONLY_BEFORE = re.compile(r"(?<!\w)chỉ\s+(?!trích|huy|thị|đạo|định|ra|số|tiêu|riêng|mới|là)(?:[\w]+\s+){0,3}$", re.IGNORECASE)
_ONLY_IF_AFTER = re.compile(r"[^.;:]{0,80}?(?<!\w)(?:khi|nếu)(?!\w)", re.IGNORECASE)
OFFER_TYPES = {"CONSULT", "COOPERATE", "AGREE", "RETREAT", "AID"}
_ACCORDING_TO = re.compile(r"(?:(?:^[\s“\"(]*|[,;:(“\"]\s*|(?<!\w)(?:cũng|và|còn|nhưng)\s+)[Tt]heo|(?<!\w)Theo)\s+(?!đó|như|kế hoạch|quy định|thỏa thuận|dõi)")
# "mời Tổng thống Trump ... thăm chính thức Việt Nam", "lời mời đến thăm Seoul": the visit is invited, still to come
# (but "Nhận lời mời của ..., Chủ tịch nước ... đã đến Bắc Kinh, bắt đầu chuyến thăm": the visit is on)
_INVITED_BEFORE = re.compile(r"(?<!\w)mời(?!\w)(?![^,;]*(?<!\w)(?:đã|đang|bắt đầu)(?!\w))[^,;]*$", re.IGNORECASE)
_PLANNED_PREDICATE = re.compile(r"[^.;]{0,80}?\s(?:sẽ|dự kiến)\s+(?:sẽ\s+)?(?:được\s+)?(?:tiến hành|diễn ra|tổ chức|bắt đầu|thực hiện|khai mạc)(?!\w)", re.IGNORECASE)
# "Pakistan đã 268 lần vi phạm", "Nga liên tục vi phạm": what may stand between the charged state and the verb
_BEFORE_CHARGED_VERB = re.compile(r"\s*(?:(?:đã|đang|vẫn|cũng|liên tục|liên tiếp|nhiều lần|nghiêm trọng|\d+\s+lần|hàng \w+ lần)\s+)*", re.IGNORECASE)
_BACKED_BY = re.compile(r"(?<!\w)(?:với|dưới|nhờ|nhờ có)\s+(?:sự\s+)?$", re.IGNORECASE)
_CASUALTIES_BEFORE = re.compile(r"(?<!\w)(?:đã\s+)?(?:bị thương|thiệt mạng|thương vong|tử vong|bị giết|bị sát hại|chết)(?:\s+[\w,]+){0,6}?\s+(?:trong|do|bởi|vì|sau)\s+(?:(?:các|những|một|hai|loạt)\s+)*(?:vụ\s+|cuộc\s+|đợt\s+)?$", re.IGNORECASE)
# "song" (but) opens a clause; "song phương" (bilateral), "song song", "song hành" do not
_NOT_A_BREAK = re.compile(r"(?<=song)\s+(?:phương|song|hành|ngữ|sinh)(?!\w)", re.IGNORECASE)
_COPULA_AFTER_MODAL = re.compile(r"\s+(?:là\s+(?:những\s+)?)?lần(?!\w)", re.IGNORECASE)
_INTERCEPTED = re.compile(r"\s+(?:được\s+)?(?:(?:một|hai|ba|các|những|\d+)\s+)?(?:quả\s+|chiếc\s+)?(?:tên lửa|rocket|rốc-két|UAV|máy bay không người lái|drone)(?:\s+[\w-]+){0,4}?\s+(?:của|do)\s+(?:lực lượng\s+|phiến quân\s+|nhóm\s+)?$", re.IGNORECASE)
_PETITION_BEFORE = re.compile(r"(?<!\w)ký\s+(?:(?:một|các|những)\s+)?(?:bản\s+|lá\s+)?(?:đơn|kiến nghị|thỉnh nguyện thư|thư ngỏ)(?:\s+[\w-]+){0,3}?\s+$", re.IGNORECASE)
_OFFER_AFTER = re.compile(r"\s+(?:sẽ|sẵn sàng)\s", re.IGNORECASE)
_BLOC_NUMBER = re.compile(r"\b(?:ba|bốn|năm|3|4|5)\b", re.IGNORECASE)
BLOC_NUMBERS = {"ba": 3, "3": 3, "bốn": 4, "4": 4, "năm": 5, "5": 5}
_PARTNER_BEFORE = re.compile(r"(?<![\w])cùng(?:\s+với)?\s+$", re.IGNORECASE)
_BRACKETED_OWNER = re.compile(r"\s*\(\s*của\s", re.IGNORECASE)
_CLAUSE_OPENS_WITH_VERB = re.compile(r"\s*(?:(?:đã|đang|sẽ|vừa|cũng|còn)\s+)*(?!(?:các|những|một|nhiều|hai|ba)\s)[a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]")
_OPENS_A_CLAUSE = re.compile(r"(?:[,:;“\"]|(?<![\w])rằng)\s*(?:(?:các|những|một|hai)\s+)?(?:vụ|cuộc)?\s*$", re.IGNORECASE)
_DENIES_PREVIOUS = re.compile(r"(?:phủ nhận|bác bỏ)\s+(?:thông tin|tin|điều|báo cáo)\s+(?:này|trên|đó)", re.IGNORECASE)


# compiled once: re's own cache lookup on every call was a percent of the pipeline's time
_PLACE_THEN_COUNTRY = re.compile(r"(?:^|\s)(?:ở|tại|trên|đến|tới)\s+(?:\w+\s+){0,2}?[A-ZĐ][\w-]*(?:\s+[A-ZĐ][\w-]*)*\s*[,(]\s*$")
_OPENING_BRACKET = re.compile(r"\s*\(\s*")
_LIST_JOINER = re.compile(r"\s*\)?\s*(?:,|và|cùng|cùng với|cũng như|hoặc|,\s*và)\s*(?:các nước\s+|các quốc gia\s+|đảo quốc\s+|nước\s+|quốc gia\s+|ông\s+|bà\s+)?")
_BETWEEN_BEFORE = re.compile(r"\s*(?:\w+\s+){0,6}?giữa\s+$")
_PAIR_JOINER = re.compile(r"\s*(?:và|với|-)\s*")
_PAIR_JOINER_DASHED = re.compile(r"\s*(?:và|với|-|–)\s*")
_ORIGIN_BEFORE = re.compile(r"(?<!\w)gốc\s+$")
_CORRESPONDENT = re.compile(r"(?:các\s+)?phóng viên")
_SPEAKER_AFTER_QUOTE = re.compile(r"[”\"]\s*,\s*(?:ông|bà)?\s*([^,.]{2,40}?)\s+(?:nói|cho biết|nhấn mạnh|khẳng định)")


def _words_then(words: list[str], tail: str) -> re.Pattern[str]:
    """Any of `words` starting a syllable, followed by the regex `tail` ("\\s+$": right before a point)."""
    return re.compile(r"(?<![\w])(?:" + trie_alternatives(words, ignore_case=True) + r")" + tail, re.IGNORECASE)


def _cue_pattern(phrases: list[str]) -> re.Pattern[str]:
    return phrase_pattern(phrases, re.IGNORECASE)


class Coder:
    """Compiled patterns and cues; build once per Resources, call `code(article)` per article."""

    def __init__(self, resources: Resources):
        self.resources = resources
        self.patterns = [Pattern(**p) for p in resources.patterns]
        self.by_trigger: dict[str, list[Pattern]] = {}
        for pattern in self.patterns:
            for trigger in pattern.triggers:
                self.by_trigger.setdefault(trigger.lower(), []).append(pattern)
        self.trigger_re = _cue_pattern(list(self.by_trigger))
        self.triggers = PhraseScanner(self.trigger_re, self.by_trigger, ignore_case=True)  # trigger_re over whole sentences
        self.requires = {p.id: re.compile(p.requires, re.IGNORECASE) for p in self.patterns if p.requires}
        self.not_after = {p.id: _words_then(p.not_after, r"\s+$") for p in self.patterns if p.not_after}
        cues = resources.cues
        self.cue = {name: _cue_pattern(cues[name]) for name in
                    ("oblique_before", "locative_before", "negation", "denied", "speculated", "planned", "reported", "speech", "modal", "history")}
        self.cue["after_anchor"] = re.compile(r"\s*(?:" + alternatives(cues["after_anchor"]) + r")(?!\w)", re.IGNORECASE)
        self.oblique_end = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(p) for p in sorted(cues["oblique_before"], key=len, reverse=True)) + r")\s*$", re.IGNORECASE)
        self.locative_end = re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(p) for p in sorted(cues["locative_before"], key=len, reverse=True)) + r")\s*$", re.IGNORECASE)
        breaks = [b.strip() for b in cues["clause_breaks"]]
        words = _cue_pattern([b for b in breaks if b[:1].isalpha()])
        # Breaks that open with punctuation ("; ", ", nói rằng") need no word boundary before them.
        marks = "|".join(re.escape(b[0]) + r"\s*" + re.escape(b[1:].strip()) + (r"(?![\w])" if b[1:].strip() else "")
                         for b in breaks if not b[:1].isalpha())
        self.clause_break = re.compile(words.pattern + "|" + marks, re.IGNORECASE)
        self.noun_head_end = re.compile(r"(?:^|[\s“\"‘'(])(?:" + "|".join(re.escape(p) for p in sorted(cues["noun_heads"], key=len, reverse=True)) + r")\s+$", re.IGNORECASE)
        self.cue["mutual"] = _cue_pattern(cues["mutual"])
        self._break_cache: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._earlier_events: list[Event] = []
        self._live_trigger_ends: list[int] = []
        self._context_of: tuple[str | None, str | None] = (None, None)
        self._break_text: str | None = None
        self.cue["threat_announcers"] = _cue_pattern(cues["threat_announcers"])
        self.cue["threat_future"] = _cue_pattern(cues["threat_future"])
        self.threat_types = set(cues["threat_types"])
        self.contexts = {label: _cue_pattern(words) for label, words in cues["contexts"].items()}
        self.context_words = {label: [word.lower() for word in words] for label, words in cues["contexts"].items()}
        self.negation_window = int(cues["negation_window"])
        self.planned_window = int(cues["planned_window"])
        self.roots = cameo_roots()
        heads = alternatives(cues["outlet_heads"])
        # "tại Tây Nam Syria", "ở miền Đông Ukraine": a place inside the country.
        self.place_before = re.compile(r"(?:^|\s)(?:ở|tại|trên|khắp)\s+(?:(?:" + alternatives(cues["place_words"]) + r")\s+){1,3}$")
        self.via_before = re.compile(r"(?:" + alternatives(cues["via_before"]) + r")\s+(?:" + heads + r")?\s*$", re.IGNORECASE)
        self.via_after = re.compile(r"\s*(?:,\s*)?(?:cũng\s+)?(?:" + alternatives(cues["via_after"]) + r")(?!\w)", re.IGNORECASE)
        self.not_negation = re.compile(r"(?:" + alternatives(cues["not_negation"]) + r")(?!\w)", re.IGNORECASE)
        # "được RTN phỏng vấn cho biết": the outlet asked, the person answered.
        self.venue_interviewer = re.compile(r"\s*(?:" + alternatives(cues["venue_interviewer"]) + r")(?!\w)", re.IGNORECASE)
        self.venue_before = re.compile(r"(?:" + alternatives(cues["venue_before"]) + r")\s+(?:" + heads + r")?\s*$", re.IGNORECASE)
        self.received_before = _words_then(cues["receive_before"], r"\s+(?:sự\s+|các\s+|những\s+|khoản\s+|gói\s+|một\s+|một lời\s+|lời\s+)?$")
        self.quantity_only = re.compile(r"\s*(?:(?:\d[\d.,]*|" + alternatives(cues["quantities"]) + r")\s+)*", re.IGNORECASE)
        self.nominal_before = _words_then(cues["nominal_markers"], r"\s+$")
        self.topic_noun_before = _words_then(cues["topic_nouns"], r"\s+(?:tại\s+|ở\s+)?$")
        self.reported_subject = _words_then(cues["reported_speech_verbs"], r"\s+(?:rằng|là)\s+$")
        # "X tuyên bố các yêu cầu của họ ...": their own demands, X's
        self.speaker_owner = _words_then(cues["reported_speech_verbs"], r"\s+(?:rằng\s+|là\s+)?(?:\w+\s+){1,3}của\s+$")
        self.reporting_before = _words_then(cues["reporting_verbs"], r"\s+$")
        self.relation_noun_end = _words_then(cues["relation_nouns"], r"$")
        self.retaliation = _cue_pattern(cues["retaliation"])
        self.against = _words_then(cues["against"], r"(?!\w)")
        self.bloc_regions = {region: set(states) for region, states in cues["bloc_regions"].items()}
        self.bloc_region_words = cues["bloc_region_words"]
        self.answer_opener = re.compile(r"[\s“\"]*(?:" + alternatives(cues["answer_openers"]) + r")(?!\w)", re.IGNORECASE)
        self.not_modal_before = _words_then(cues["not_modal_before"], r"\s+$")
        self.denied_before = _words_then(cues["denied"], r"\s+(?:(?:các|những|mọi|tất cả các|toàn bộ)\s+)?(?:lời\s+)?$")
        self.agent_noun_end = _words_then(cues["agent_noun_heads"], r"\s+(?:bị\s+)?$")
        self.background_before = _words_then(cues["background_before"], r"\s+(?:(?:các|những|một|hai|loạt|đợt)\s+)*(?:vụ\s+|cuộc\s+)?$")
        self.denial_words = {w.lower() for w in cues["denied"]}
        self.claim_after = re.compile(r"\s+(?:" + alternatives(cues["claim_nouns"]) + r")(?!\w)", re.IGNORECASE)
        # ("về các biện pháp trừng phạt": the topic may stand a few noun words before the trigger)
        self.topic_before = re.compile(r"(?<![\w])(?:" + alternatives(cues["topic_markers"]) + r")\s+"
                                       r"(?:(?:các|những|biện pháp|vấn đề|khả năng|kế hoạch|việc|lệnh|chính sách|một|xúc tiến|thúc đẩy|tăng cường|"
                                       r"mở rộng|đẩy mạnh)\s+){0,3}$", re.IGNORECASE)  # ("về việc xúc tiến hợp tác": so is what it furthers)
        # "ngày 2/6 cho biết": the date of a statement, not of the event
        self.speech_after_date = re.compile(r"\s*,?\s*(?:đã\s+)?(?:" + alternatives(cues["speech"] + ["đưa tin", "dẫn lời"]) + r")(?!\w)", re.IGNORECASE)

    # ---- helpers over one sentence -------------------------------------------------------
    def _before(self, text: str, start: int, floor: int, syllables: int) -> str:
        """The `syllables` syllables of `text` before `start` (not before `floor`)."""
        # Look back a window wide enough for that many syllables first, from a word's start (the
        # sentence before `start` can be long, and this is asked three times for every trigger)
        near = max(floor, start - syllables * 12)
        while near > floor and _WORD_CHAR.match(text, near - 1):
            near -= 1
        words = list(_WORD.finditer(text, near, start))
        if len(words) < syllables and near > floor:
            words = list(_WORD.finditer(text, floor, start))
        if not words:
            return ""
        return text[words[max(0, len(words) - syllables)].start() : start]

    def _is_oblique(self, text: str, mention: Mention, floor: int) -> bool:
        return bool(self.oblique_end.search(text[max(floor, mention.start - 20) : mention.start]))

    def _is_locative(self, text: str, mention: Mention, floor: int) -> bool:
        window = text[max(floor, mention.start - 40) : mention.start]
        if self.locative_end.search(window[-20:]) or self.place_before.search(window):
            return True
        # "tại Bonn, Đức", "tại Amman (Jordan)": the country after a place is a place too, unless a verb
        # follows it ("đến Triều Tiên, Bình Nhưỡng liên tiếp thử tên lửa").
        return bool(_PLACE_THEN_COUNTRY.search(window)
                    and not (window.rstrip().endswith(",") and self._verb_follows(text, mention.end)))

    def _breaks(self, text: str, sentence: Sentence) -> list[tuple[int, int]]:
        """The clause breaks of a sentence, found once per sentence (the coder asks thousands of times)."""
        key = (sentence.start, sentence.end)
        breaks = self._break_cache.get(key)
        if breaks is None or self._break_text is not text:
            if self._break_text is not text:
                self._break_cache, self._break_text = {}, text
            breaks = [(m.start(), m.end()) for m in self.clause_break.finditer(text, sentence.start, sentence.end)
                      if not _NOT_A_BREAK.match(text, m.end())]
            self._break_cache[key] = breaks
        return breaks

    def _clause_start(self, text: str, sentence: Sentence, position: int) -> int:
        best = sentence.start
        for start, end in self._breaks(text, sentence):
            if end > position:
                break
            best = end
        return best

    def _clause_end(self, text: str, sentence: Sentence, position: int) -> int:
        return next((start for start, _ in self._breaks(text, sentence) if start >= position), sentence.end)

    def _group(self, mention: Mention, actors: list[Mention], text: str, as_object: bool = False) -> list[Mention]:
        """The mention and the actors conjoined with it: "Mali, Burkina Faso và Niger"."""
        if mention not in actors:
            return [mention]
        group = self._conjoined(mention, actors, text)
        # An object list "trục xuất hai nhân viên Đại sứ quán Nga, Latvia và Estonia mỗi nước cũng
        # trục xuất": the part after the comma is the subject of a new clause.
        last = group[-1]
        if as_object and len(group) > 1 and _NEW_CLAUSE_AFTER.match(text, last.end):
            for i in range(len(group) - 1, 0, -1):
                if "," in text[group[i - 1].end : group[i].start]:
                    kept = group[:i]
                    return kept if mention in kept else group[i:]
        return group

    def _conjoined(self, mention: Mention, actors: list[Mention], text: str) -> list[Mention]:
        group = [mention]
        index = actors.index(mention)
        for step in (-1, 1):
            j = index
            while 0 <= j + step < len(actors):
                a, b = (actors[j + step], actors[j]) if step < 0 else (actors[j], actors[j + step])
                between = text[a.end : b.start]
                if _OPENING_BRACKET.fullmatch(between) and a.actor and b.actor and a.actor.country == b.actor.country:
                    pass  # "United Arab Emirates (UAE)": the same party twice
                elif not _LIST_JOINER.fullmatch(between):
                    break
                elif between.strip().startswith(",") and _list_kind(a) != _list_kind(b):
                    break  # "Tổng thống Mỹ Donald Trump, Mỹ và ...": a comma joins list items of one kind
                elif "," in between and _ATTRIBUTION_BEFORE.search(text[max(0, a.start - 80) : a.start]):
                    break  # "Theo Ngoại trưởng X, ông Y ...": the attribution ends at the comma
                elif between.strip() == "," and _CLAUSE_SUBJECT_AFTER.match(text, b.end):
                    break  # "Để đáp trả trừng phạt của Mỹ, người dân Iran sẽ ...": the subject of a new clause
                elif (between.strip() == "," and self._is_oblique(text, a, 0) and not self._is_oblique(text, b, 0)
                      and self._verb_follows(text, b.end)):
                    break  # "Mỹ điều 3 tàu sân bay đến Triều Tiên, Bình Nhưỡng liên tiếp thử tên lửa": a new subject
                elif between.strip().startswith(",") and self._closes_a_list(a, actors, text):
                    break  # "trao đổi với May và Merkel, ông Moon ...": "và" closed the list before the comma
                j += step
                group.insert(0 if step < 0 else len(group), actors[j])
        return group

    def _verb_follows(self, text: str, position: int) -> bool:
        """A trigger within two words after `position` ("Bình Nhưỡng liên tiếp thử tên lửa")."""
        verb = self.triggers.search(text, position, position + 40)
        return verb is not None and len(_WORD.findall(text[position : verb.start()])) <= 2

    @staticmethod
    def _closes_a_list(mention: Mention, actors: list[Mention], text: str) -> bool:
        """True when `mention` is the last item of an "A và B" list."""
        index = actors.index(mention)
        return index > 0 and bool(_AND_JUNCTION.fullmatch(text[actors[index - 1].end : mention.start]))

    def _resolve(self, mention: Mention, article: Article, avoid: str | None) -> Mention | None:
        """A reference ("nước này", "họ") -> the nearest earlier actor from a country other than `avoid`."""
        for candidate in reversed(article.mentions):
            if candidate.start >= mention.start or candidate.sentence < mention.sentence - 3:
                continue
            if candidate.kind in ("reference", "outlet", "region", "name", "group") or candidate.actor is None:
                continue
            if candidate.actor.country and candidate.actor.country != avoid:
                return candidate
        return None

    # ---- one event ----------------------------------------------------------------------
    def code(self, article: Article) -> Article:
        events: list[Event] = []
        self._earlier_events = events  # what the sentences before told, for answers and retaliations
        previous: list[Event] = []
        self._by_sentence: dict[int, list[Mention]] = {}  # each sentence's mentions in the article's order
        self._attributions: dict[int, tuple] = {}  # per sentence: _attribution's answer
        self._placed: dict[int, list[Mention]] = {}  # per sentence: its places named with a place word
        for mention in article.mentions:
            self._by_sentence.setdefault(mention.sentence, []).append(mention)
        for sentence in article.sentences:
            actors = [m for m in self._by_sentence.get(sentence.index, []) if m.is_actor]
            # "Lầu Năm Góc đã lên tiếng phủ nhận thông tin này": the report just before is denied.
            if _DENIES_PREVIOUS.search(article.text, sentence.start, sentence.end):
                for event in previous:
                    event.factuality = "denied"
            current = self._code_sentence(article, sentence, actors)
            events.extend(current)
            previous = current
        article.events = events
        return article

    def _code_sentence(self, article: Article, sentence: Sentence, actors: list[Mention]) -> list[Event]:
        text = article.text
        # Triggers are matched on syllables, not the segmenter's words: it sometimes glues a verb to its
        # neighbour ("thường cáo buộc"), which cost recall on the dev set when words were required.
        names = sorted((m.start, m.end) for m in self._by_sentence.get(sentence.index, []) if m.start >= 0)
        # A trigger inside a name ("Các tiểu vương quốc Ả Rập thống nhất") is part of the name: some
        # name starting at or before it ends at or after it (the furthest end of those is enough).
        starts = [start for start, _ in names]
        furthest = list(itertools.accumulate((end for _, end in names), max))
        matches = [m for m in self.triggers.finditer(text, sentence.start, sentence.end)
                   if (at := bisect.bisect_right(starts, m.start()) - 1) < 0 or furthest[at] < m.end()]
        # A trigger whose pattern does not hold here ("tiếp tục", "gọi điện" of "gọi X là ...") is no verb
        # for what follows it either.
        patterns = [(match, self._pattern_for(match, sentence, text)) for match in matches]
        self._live_trigger_ends = [match.end() for match, pattern in patterns if pattern is not None]
        absorbed_until = -1
        absorbed_type = None
        requested_until = -1
        owed_until = -1
        seen: dict[tuple, Event] = {}

        for match, pattern in patterns:
            if pattern is None or (match.start() < absorbed_until and not self._demand_verb(text, sentence, match, pattern)
                                   and not (absorbed_type == "AGREE" and pattern.type == "CONCEDE")):
                continue  # (but "Moskva chấp thuận dỡ bỏ mọi biện pháp trừng phạt": the concession agreed is made)
            if (match.start() < owed_until and pattern.type != "REQUEST"
                    and not self.nominal_before.search(text, max(sentence.start, match.start() - 15), match.start())):
                continue  # (but "... xử lý mọi diễn biến từ cuộc tập trận": a drill that is named, not owed)
            if (match.start() < requested_until and pattern.type != "REQUEST"
                    and not self.background_before.search(text, max(sentence.start, match.start() - 30), match.start())):
                continue  # "kêu gọi Nga hợp tác toàn diện với Bulgaria": what is asked for has not happened
                # (but "kêu gọi các bên kiềm chế sau vụ Triều Tiên phóng tên lửa" tells a launch that did)
            if pattern.id == "request" and _OFFER_AFTER.match(text, match.end()):
                continue  # "Trump đề nghị sẽ gặp Kim Jong-un": an offer of his own act, coded from its verb
            coded = self._code_trigger(article, sentence, actors, match, pattern)
            if pattern.absorbs and coded is not None:
                # (a trigger that names no event, "diễn tập cảnh báo tên lửa", takes no verb after it)
                following = list(_WORD.finditer(text, match.end(), sentence.end))[:ABSORB_REACH]
                absorbed_until = following[-1].end() if following else match.end()
                absorbed_type = pattern.type
            coded = coded or []
            if pattern.frame == "obligation" and self._owes(article, sentence, actors, match):
                # "Mỹ phải rút ..., dừng ... và ký một thỏa thuận hòa bình": all of it is owed, none done,
                # to the end of the quote it stands in
                quote_end = _QUOTE_BETWEEN.search(text, match.end(), sentence.end)
                owed_until = max(owed_until, quote_end.start() if quote_end else sentence.end)
            if pattern.type == "REQUEST" and pattern.id == "request" and any(e.target is not None and e.target.end > match.end() for e in coded):
                asked = max(e.target.end for e in coded if e.target is not None)
                content_end = _CONTENT_END.search(text, asked, sentence.end)
                requested_until = min(self._clause_end(text, sentence, asked), content_end.start() if content_end else sentence.end)
            for event in coded:
                # One happening per sentence and country pair: "Nga chuẩn bị gửi ... tới hỗ trợ" is one AID.
                key = (_side_key(event.source), event.type, _side_key(event.target))
                if key not in seen or seen[key].confidence < event.confidence:
                    seen[key] = event
        return list(seen.values())

    def _demand_verb(self, text: str, sentence: Sentence, match, pattern: Pattern) -> bool:
        """A demand made as a verb is never part of the verb before it ("gửi tối hậu thư đề nghị Nga
        rút lại ...", "nhất trí kêu gọi Triều Tiên"); a demand named as a noun ("bác bỏ những yêu cầu
        của Tổng thống Trump") is."""
        return (pattern.type == "REQUEST" and not _OWNER_AFTER.match(text, match.end())
                and not self.nominal_before.search(text, max(sentence.start, match.start() - 15), match.start())
                and not _DEMAND_NOUN_BEFORE.search(text, max(sentence.start, match.start() - 12), match.start()))

    def _pattern_for(self, match, sentence: Sentence, text: str) -> Pattern | None:
        """The first pattern for this trigger whose `requires` holds in the rest of the clause."""
        # Patterns with a requirement are the more specific ones: they are tried first.
        for pattern in sorted(self.by_trigger[match.group(0).lower()], key=lambda p: p.requires is None):
            if pattern.not_after and self.not_after[pattern.id].search(text, max(sentence.start, match.start() - 8), match.start()):
                continue
            if pattern.requires is None:
                return pattern
            following = list(_WORD.finditer(text, match.end(), self._clause_end(text, sentence, match.end())))[:pattern.requires_reach]
            # (a trigger that ends its clause, "đã bị Washington khước từ.", is held to its requirement too)
            if self.requires[pattern.id].search(text[match.end() : following[-1].end()] if following else ""):
                return pattern
        return None

    def _code_trigger(self, article, sentence, actors, match, pattern: Pattern) -> list[Event] | None:
        """Steps of the module docstring: filter the trigger, find its arguments, build events.
        None when the trigger names no event here (a noun, a wish, a negated act)."""
        event_type = self._event_type(article, sentence, match, pattern)
        if event_type is None:
            return None
        if pattern.future_only and not self.cue["threat_future"].search(
                article.text, self._clause_start(article.text, sentence, match.start()), match.start()):
            return []
        if pattern.frame in ("obligation", "charge"):
            return self._obligation_events(article, sentence, actors, match, pattern)
        if pattern.frame == "participation":
            return self._participation_events(article, sentence, actors, match, pattern)
        source, target, how, passive, after = self._arguments(article, sentence, actors, match, pattern)
        if pattern.frame == "regard" and target is not None:
            copula = _COPULA.search(article.text, match.end(), sentence.end)
            if copula is not None and target.start > copula.start():
                target = None  # "xem đây là mối đe dọa ... nghị quyết của Hội đồng Bảo an": what is called so comes first
        if (pattern.type == "ASSAULT" and not passive and source is not None and target is not None
                and _INTERCEPTED.match(article.text, match.end(), target.start)):
            # "đã chặn đứng và tiêu diệt một tên lửa của Houthi": shooting down a missile answers the
            # attack of whoever fired it
            source, target = target, source
            how.append("intercepted")
        at_request = (_AT_REQUEST.search(article.text, max(sentence.start, match.start() - 12), match.start())
                      if pattern.type == "REQUEST" and "nominal-agent" in how and target is not None and source is not None else None)
        if at_request and self.cue["negation"].search(
                article.text, self._clause_start(article.text, sentence, at_request.start() - 1), at_request.start()):
            # "nước này sẽ không đóng cửa ... theo như yêu cầu của các nước Arab": the demand, refused
            event_type, source, target = "REJECT", target, source
        if pattern.frame == "coup":
            return self._coup_events(article, sentence, actors, match, pattern, event_type, source, target, passive, after, how)
        if (event_type in self.threat_types and source is not None and not passive
                and self._announced_threat(article.text, source, match.start(), self._clause_start(article.text, sentence, match.start()))):
            event_type = "THREATEN"
        return self._events(article, sentence, actors, match, pattern, event_type, source, target, passive, how)

    def _protested(self, text: str, sentence: Sentence, actors: list[Mention], trigger_end: int, home: str) -> Mention | None:
        """"xuống đường ... để phản đối chuyến thăm của Tổng thống Mỹ": what the marchers are against."""
        against = self.against.search(text, trigger_end, sentence.end)
        if against is None:
            return None
        return next((m for m in actors if m.start >= against.end() and m.actor and m.actor.country
                     and m.actor.country != home and not self._is_locative(text, m, sentence.start)), None)

    def _announced_threat(self, text: str, source: Mention, trigger_start: int, clause_start: int) -> bool:
        """The source announces the act for its own future: "X tuyên bố sẽ tấn công", "X sẽ không ngần ngại".
        Both words stand in the trigger's clause ("tuyên bố sẽ dừng ... nhưng ... khi bắn thử" is no threat)."""
        if not 0 <= source.end <= trigger_start or trigger_start - source.end > TARGET_REACH_CHARS:
            return False
        gap = (max(source.end, clause_start), trigger_start)
        return bool(self.cue["threat_announcers"].search(text, *gap) and self.cue["threat_future"].search(text, *gap))

    def _event_type(self, article, sentence, match, pattern: Pattern) -> str | None:
        """The trigger's type after negation (REJECT), or None when it names no event here."""
        text = article.text
        event_type = pattern.type
        trigger_start = match.start()
        left_start = max(sentence.start, trigger_start - len(self._before(text, trigger_start, sentence.start, self.negation_window)))
        bounds = _WordBounds(text, sentence)
        negated = any(bounds.aligned(m.start(), m.end()) and not self.not_negation.match(text, m.start())
                      for m in self.cue["negation"].finditer(text, left_start, trigger_start))
        # (Matched on syllables: the segmenter glues "cũng nên" into one word.)
        modal_start = max(sentence.start, trigger_start - len(self._before(text, trigger_start, sentence.start, MODAL_WINDOW)))
        # (not "trở nên" (become), nor "buộc phải", "đã phải": forced, and done)
        # (nor "phải là", "phải lần" of "không phải lần đầu tiên": not, not must)
        if any(not self.not_modal_before.search(text, max(0, m.start() - 6), m.start()) and not _COPULA_AFTER_MODAL.match(text, m.end())
               for m in self.cue["modal"].finditer(text, max(modal_start, self._clause_start(text, sentence, trigger_start)), trigger_start)):
            return None  # a wish or a condition, not an event
        if negated and not match.group(0).lower().startswith(("không", "từ chối")):
            if pattern.negated == "REJECT":
                event_type = "REJECT"
            else:
                return None
        if event_type == "REQUEST" and _PETITION_BEFORE.search(text, max(sentence.start, trigger_start - 40), trigger_start):
            event_type = "PROTEST"  # "hơn 1,8 triệu người dân Anh đã ký đơn đòi hủy chuyến thăm": a petition
        if (event_type in OFFER_TYPES and _ONLY_BEFORE.search(text, max(sentence.start, trigger_start - 30), trigger_start)
                and _ONLY_IF_AFTER.match(text, match.end(), sentence.end)):
            event_type = "REJECT"  # "Mỹ chỉ đối thoại với Triều Tiên khi Bình Nhưỡng dừng ...": no talks until then
        if event_type in NOUN_HEAD_TYPES and self.noun_head_end.search(text[max(sentence.start, trigger_start - 20) : trigger_start]):
            return None  # "người biểu tình", "lực lượng ủng hộ": a noun, not an event
        if self.agent_noun_end.search(text, max(sentence.start, trigger_start - 20), trigger_start):
            return None  # "kẻ tấn công", "mục tiêu tấn công"
        if (event_type in COOPERATIVE_TYPES and event_type != "AGREE" and text[trigger_start - 1 : trigger_start] in ("“", '"')
                and text[match.end() : match.end() + 1] in ("”", '"')):
            return None  # "thực hiện động tác bay “chào đón” các phi công Mỹ": a welcome in scare quotes
        if event_type in COOPERATIVE_TYPES and _OPINION_COPULA_AFTER.match(text, match.end(), self._clause_end(text, sentence, match.end())):
            return None  # "cho rằng hợp tác với Bình Nhưỡng nhiều hơn là cách tốt nhất": a view of what works
        if _REGARDED_AS.search(text, self._clause_start(text, sentence, trigger_start), trigger_start):
            return None  # "xem việc NATO triển khai ... là đe dọa": the charge of an accusation, not a threat
        if event_type == "REJECT" and match.group(0).lower() in self.denial_words and self.claim_after.match(text, match.end()):
            return None  # "bác bỏ khả năng Triều Tiên vừa thử hạt nhân": a claim denied, nobody rejected
        if event_type == "ACCUSE" and self.denied_before.search(text, max(sentence.start, trigger_start - 30), trigger_start):
            return None  # "phủ nhận các cáo buộc": the accusation is someone else's, and it is denied here
        topic = self.topic_before.search(text, max(sentence.start, trigger_start - 40), trigger_start)
        if topic and not self.reporting_before.search(text, max(sentence.start, topic.start() - 20), topic.start()):
            return None  # "đàm phán về việc rút quân": the topic of another event, not an event
        return event_type

    def _arguments(self, article, sentence, actors, match, pattern: Pattern):
        """Source and target of a trigger, how they were found, whether it is passive, and the actors after it."""
        text = article.text
        trigger_start, trigger_end = match.start(), match.end()
        clause_start = self._clause_start(text, sentence, trigger_start)
        # Target candidates after the trigger.
        clause_end = self._clause_end(text, sentence, trigger_end)
        helping = _TO_HELP.match(text, clause_end)
        if pattern.type == "AID" and helping:
            # "kích hoạt cơ chế hỗ trợ khẩn cấp để giúp Ấn Độ": whom the aid is to help
            clause_end = self._clause_end(text, sentence, helping.end())
        after = [m for m in actors if trigger_end <= m.start < clause_end and m.start - trigger_end < TARGET_REACH_CHARS]
        source: Mention | None = None
        target: Mention | None = None
        how = []
        for i, a in enumerate(after):
            if a.kind == "pair" and _BETWEEN_BEFORE.fullmatch(text[trigger_end : a.start]):
                pair = self._pair(a, article)
                if pair:
                    source, target = pair
                    how.append("between")
                break
            if _BETWEEN_BEFORE.fullmatch(text[trigger_end : a.start]) and i + 1 < len(after):
                b = after[i + 1]
                if _PAIR_JOINER.fullmatch(text[a.end : b.start]):
                    source, target = a, b
                    how.append("between")
                break
        # ("Macron nói rằng được gặp ông Trump là một vinh dự": to get to meet is to meet)
        passive = match.group(0).lower().startswith("bị") or (pattern.type != "CONSULT" and bool(
            _PASSIVE_BEFORE.search(text, max(sentence.start, trigger_start - 12), trigger_start)))
        received = self.received_before.search(text, max(sentence.start, trigger_start - 25), trigger_start)
        if received and source is None and target is None:
            # "Qatar nhận được sự ủng hộ từ Iran": the giver acts on the receiver.
            giver = next((m for m in after if _GIVER_BEFORE.search(text, max(trigger_end, m.start - 40), m.start)), None)
            receiver = self._subject(text, sentence, actors, received.start(), clause_start)
            if giver is not None and receiver is not None:
                source, target = giver, receiver
                how.append("received")
        agent = next((m for m in actors if m.end <= trigger_start and not text[m.end:trigger_start].strip()
                      and _AGENT_BEFORE.search(text, max(sentence.start, m.start - 14), m.start)), None)
        # ("cấm vận (của Mỹ)": an owner in brackets makes the trigger a noun)
        # "3 người Palestine đã bị thương trong các cuộc tấn công của Israel": the casualties' side is hit,
        # and the attack is named as their cause, a noun
        hurt = (_CASUALTIES_BEFORE.search(text, max(clause_start, trigger_start - 60), trigger_start)
                if pattern.type == "ASSAULT" and not passive else None)
        after_decision = pattern.type == "REQUEST" and bool(_AFTER_REQUEST.search(text, max(sentence.start, trigger_start - 25), trigger_start))
        nominal = pattern.noun or hurt is not None or match.group(0).lower().startswith(("cuộc", "vụ", "chuyến")) or bool(
            self.nominal_before.search(text, max(sentence.start, trigger_start - 15), trigger_start)) or bool(
            _BRACKETED_OWNER.match(text, trigger_end)) or after_decision
        if nominal:
            how.append("nominal")
        if nominal and source is None:
            owner = next((m for m in after if _NOMINAL_AGENT.fullmatch(text[trigger_end : m.start])
                          or _PLACES_THEN_OWNER.fullmatch(_names_as_one_word(text, trigger_end, m.start, after))), None)
            if owner is not None:
                source = owner
                owners = self._group(owner, actors, text)  # "từ Mỹ, Ấn Độ và Singapore": all of them own it
                after = [m for m in after if m not in owners]
                how.append("nominal-agent")
                if pattern.type == "REQUEST" and target is None and _AT_REQUEST.search(text, max(sentence.start, trigger_start - 12), trigger_start):
                    # "Giới chức Canada bắt giữ bà Mạnh ... theo đề nghị của Mỹ": the US asked Canada
                    target = self._subject_before_clause(text, sentence, actors, clause_start)
                if after_decision and target is None:
                    target = (self._owner_subject_anywhere(text, sentence, actors, trigger_start, clause_start)
                              or self._subject(text, sentence, actors, trigger_start, clause_start))
                if pattern.type == "AID" and target is None and _BACKED_BY.search(text, max(sentence.start, trigger_start - 12), trigger_start):
                    # "Với sự trợ giúp của không quân Nga, quân đội Syria đã phá hủy ...": Russia aids
                    # whoever the sentence is about, before the phrase or right after its comma
                    phrase_end = text.find(",", trigger_end, sentence.end)
                    target = next((m for m in actors if m not in owners and m.actor and m.actor.country
                                   and (m.end <= trigger_start or (phrase_end >= 0 and m.start > phrase_end))
                                   and not self._is_oblique(text, m, sentence.start) and not self._is_locative(text, m, sentence.start)), None)
                    if target is not None:
                        how.append("backed")
        if target is None and hurt is not None:
            target = next((m for m in reversed(actors) if m.end <= hurt.start() and m.start >= clause_start
                           and m.actor and m.actor.country and len(_WORD.findall(text[m.end : hurt.start()])) <= 3), None)
            if target is not None:
                how.append("casualties")
        if target is None and agent is not None:
            # "B bị A bắt giữ": A acts on B.
            bi = _AGENT_BEFORE.search(text, max(sentence.start, agent.start - 14), agent.start)
            source = agent
            # ("Máy bay của Syria bị Mỹ bắn rơi": what was hit is Syria's)
            target = (self._subject(text, sentence, actors, bi.start(), clause_start)
                      or self._owner_subject(text, sentence, actors, bi.start(), clause_start))
            passive = target is not None
            how.append("passive")
        elif target is None and passive:
            subject = self._subject(text, sentence, actors, trigger_start, clause_start)
            speech = self.cue["speech"].search(text, subject.end, trigger_start) if subject is not None else None
            if speech and not _PASSIVE_RIGHT_AFTER.fullmatch(text, speech.end(), trigger_start):
                subject = None  # "Bộ Nội vụ Tunisia cho biết đối tượng nêu trên bị tiêu diệt": another patient
            target = subject
            agent = [m for m in after if text[trigger_end : m.start].strip().lower() in ("bởi", "")]
            source = agent[0] if agent else None
            if source is None and pattern.type == "COERCE":
                # "bị bắt giữ tại Thổ Nhĩ Kỳ": the authorities of the place where it happened
                place = next((m for m in after if m.actor and m.actor.country and self._is_locative(text, m, sentence.start)), None)
                if place is not None:
                    source = Mention(place.text, place.start, place.end, sentence.index, "country",
                                     Actor(f"{place.actor.country}GOV", place.actor.country, "GOV"))
                    how.append("locative")
            if source is None and pattern.type == "MOBILIZE" and target is not None:
                # "5.000 binh sĩ Thổ Nhĩ Kỳ sẽ được triển khai tới Qatar": forces sent are their country's move
                source, target, passive = target, None, False
            else:
                how.append("passive")
        if target is None:
            target = self._target_after_prep(text, after, pattern, trigger_end)
            # ("cáo buộc Doha tài trợ cho khủng bố": the object right after the verb comes first)
            direct = next((m for m in after if len(_WORD.findall(text[trigger_end : m.start])) == 0
                           and not self._is_locative(text, m, sentence.start)), None)
            if target is not None and direct is not None and direct.start < target.start and not passive and pattern.frame != "coup":
                target = direct
            elif target is not None:
                how.append("target-prep")
        if target is None and source is None and pattern.object_before:
            # "Bulgaria tuyên bố một nhà ngoại giao Nga là người không được chào đón": object, then trigger
            target = self._subject(text, sentence, actors, trigger_start, clause_start)
            source = self._subject(text, sentence, actors, target.start, clause_start) if target else None
        embedded = nominal and (self._follows_trigger(text, sentence, trigger_start)
                                # "X cho rằng, vụ thử tên lửa ... đánh dấu ...": the event is a subject itself
                                or bool(_OPENS_A_CLAUSE.search(text, max(sentence.start, trigger_start - 25), trigger_start))
                                # ("sau cuộc thảo luận với Thủ tướng Úc": talks with the subject as one side)
                                or (pattern.type not in MUTUAL_TYPES
                                    and bool(self.background_before.search(text, max(sentence.start, trigger_start - 30), trigger_start)))
)
        # ("sau phiên họp kín của Hội đồng bảo an": its owner, unrecognised, is not the subject)
        embedded = embedded or (source is None and bool(_UNNAMED_OWNER_AFTER.match(text, trigger_end)) and (
            nominal or bool(_SESSION_BEFORE.search(text, max(sentence.start, trigger_start - 8), trigger_start))))
        if source is None and not passive and not embedded and _ALSO_BEFORE.search(text, max(sentence.start, trigger_start - 20), trigger_start):
            # "Bulgaria tuyên bố ..., đồng thời kêu gọi ...": the same subject does both
            source = self._sentence_head(text, sentence, actors)
            if source is not None:
                how.append("subject-far")
        if source is None and not passive and not embedded:
            # (A nominal event that is the object of another verb, "lên án vụ tấn công", is not done
            # by that verb's subject: it keeps only an owner named with "của".)
            source = self._subject(text, sentence, actors, trigger_start, clause_start)
            if source is not None and source.start < clause_start:
                how.append("subject-far")
            if source is None:
                source = self._owner_subject(text, sentence, actors, trigger_start, clause_start)
                if source is not None:
                    how.append("subject-owner")
            if source is None and clause_start > sentence.start and _CLAUSE_OPENS_WITH_VERB.match(text, clause_start):
                # "sau khi ông Trump làm mếch lòng Bắc Kinh khi điện đàm với ...": a clause that opens
                # with its verb goes on with the subject of the clause before it
                source = self._subject_before_clause(text, sentence, actors, clause_start)
                if source is not None:
                    how.append("subject-far")
        if target is None and not passive and pattern.frame != "coup":
            target = self._target_before(text, sentence, actors, pattern, source, trigger_start)
            if target is not None and _AND_VERB.search(text, target.end, trigger_start) and not pattern.target_needs_prep:
                # "điện đàm với lãnh đạo Đài Loan và đe dọa áp hạn ngạch ... từ Trung Quốc": the object of
                # the verb before "và" yields to one of the trigger's own
                clause_end = self._clause_end(text, sentence, trigger_end)
                own = self._target_plain(text, sentence, [m for m in after if m.end <= clause_end
                                                          and not _QUOTE_BETWEEN.search(text, trigger_end, m.start)], pattern)
                if own is not None and own.actor and own.actor.country and not (
                        source is not None and source.actor and source.actor.country == own.actor.country):
                    target = own
            if target is not None:
                how.append("target-prep")
        if target is None and pattern.type == "ACCUSE" and not passive:
            # "Erdogan không hài lòng vì chính quyền của Tổng thống Mỹ từ chối ...": the cause is the target
            cause = _BECAUSE_AFTER.match(text, trigger_end)
            if cause:
                target = next((m for m in actors if m.start >= cause.end() and len(_WORD.findall(text[cause.end() : m.start])) <= 3
                               and not self._is_locative(text, m, sentence.start)), None)
                if target is not None:
                    how.append("target-prep")
        if target is None and not passive and not pattern.target_needs_prep:
            target = self._target_plain(text, sentence, after, pattern)
            if target is not None and self._is_locative(text, target, sentence.start):
                how.append("locative")
        if source is None and not passive and not nominal and _OPENING_ADVERBIAL.fullmatch(text, clause_start, trigger_start) and target is not None:
            # "Trước đó, trao đổi với Thủ tướng Anh Theresa May, ông Moon cũng đề nghị...": the
            # subject follows the opening participle, after a comma.
            comma = text.find(",", target.end, sentence.end)
            later = [m for m in actors if comma >= 0 and m.start > comma and m is not target
                     and not self._is_oblique(text, m, sentence.start) and not self._is_locative(text, m, sentence.start)
                     and len(_WORD.findall(text[comma : m.start])) <= 3]
            if later:
                source = later[0]
                how.append("source-after")
        if source is None and not passive and nominal:
            # "Trong chuyến thăm Burkina Faso, ông Lavrov...": the visitor comes after the visit.
            rest = [m for m in after if m is not target and not self._is_oblique(text, m, sentence.start)
                    and not self._is_locative(text, m, sentence.start)]
            if rest:
                source = rest[0]
                how.append("source-after")
            elif sentence.index + 1 < len(article.sentences) and len(_WORD.findall(text[sentence.start:sentence.end])) < 14:
                nxt = [m for m in self._by_sentence.get(sentence.index + 1, []) if m.is_actor]
                if nxt:
                    source = nxt[0]
                    how.append("source-next-sentence")

        return source, target, how, passive, after

    def _coup_events(self, article, sentence, actors, match, pattern, event_type, source, target, passive, after, how) -> list[Event]:
        """One COERCE/coup event per overthrown party, with that country's military as its author."""
        text = article.text
        trigger_end = match.end()
        # The victim: who is overthrown ("lật đổ Tổng thống X", "X bị lật đổ") or where ("đảo
        # chính ở Niger"); the coder of a coup is that country's own military.
        if passive:
            victim = target
        else:
            near = [m for m in after if len(_WORD.findall(text[trigger_end : m.start])) <= COUP_VICTIM_REACH]
            victim = near[0] if near else (source if source is not None and source.actor and source.actor.role == "MIL" else None)
        if victim is None:
            return []
        coups = []
        for member in self._group(victim, actors, text) if victim in actors else [victim]:
            member = self._resolved(member, article, None)
            if member is None or member.actor is None or member.actor.country is None:
                continue
            country = member.actor.country
            author = (self._resolved(source, article, country)
                      if source is not None and not passive and 0 <= source.end <= match.start() and "source-after" not in how
                      and not match.group(0).lower().startswith(("cuộc", "vụ")) else None)
            if author is not None and author.actor and author.actor.country and author.actor.country != country:
                # "Tổng thống George W. Bush ... lật đổ chế độ Saddam Hussein": a foreign power, not a coup
                coups.append(self._event(article, sentence, match, pattern, event_type, author, member, pattern.confidence, how))
                continue
            # The coup's author is implied, not written: it has no span of its own.
            military = Mention(IMPLIED_MILITARY, -1, -1, sentence.index, "country", Actor(f"{country}MIL", country, "MIL"))
            coups.append(self._event(article, sentence, match, pattern, event_type, military, member, pattern.confidence, how))
        return coups

    def _events(self, article, sentence, actors, match, pattern, event_type, source, target, passive, how) -> list[Event]:
        """One event per conjoined source and target, after the checks every event must pass."""
        text = article.text
        trigger_end = match.end()
        confidence = pattern.confidence
        if event_type == "PROTEST" and (source is None or source.actor is None or not source.actor.country):
            # "Hàng nghìn người xuống đường ở thủ đô London": the protesters are where they march.
            places = [m for m in actors if m.actor and m.actor.country and self._is_locative(text, m, sentence.start)]
            # A city or a country is where they march; an embassy ("Đại sứ quán Mỹ") is what they march on.
            place = next((m for m in places if m.kind == "place" or m.actor.role is None), None)
            if place is not None:
                embassy = next((m for m in places if m is not place and m.actor.role and m.actor.country != place.actor.country), None)
                if target is None or target is place or (target.actor and target.actor.country == place.actor.country):
                    target = embassy or self._protested(text, sentence, actors, match.end(), place.actor.country)
                if target is not None:  # marchers known only by where they march need a named target
                    source = Mention(place.text, place.start, place.end, sentence.index, "country",
                                     Actor(f"{place.actor.country}CVL", place.actor.country, "CVL"))
                    how.append("locative")
        if "between" in how:
            sources, targets = [source], [target]
        else:
            sources = self._group(source, actors, text) if source is not None and source in actors else ([source] if source else [])
            targets = self._group(target, actors, text, as_object=True) if target is not None and target in actors else ([target] if target else [])
        for side in (sources, targets):
            for mention in [m for m in side if m.kind == "reference" and m.text.lower() == "họ"]:
                # "họ" (they) after "2 nhà lãnh đạo này": the pair named just before
                pair_word = next((m for m in reversed(article.mentions) if m.kind == "pair" and m.end <= mention.start
                                  and m.sentence >= mention.sentence - 1), None)
                pair = self._pair(pair_word, article) if pair_word is not None else None
                if pair:
                    side.remove(mention)
                    side.extend(p for p in pair if p not in side)
                    how.append("pair")
            for mention in [m for m in side if m.kind == "reference" and m.text.lower() == "họ"
                            and self.speaker_owner.search(text, max(0, m.start - 40), m.start)]:
                head = self._sentence_head(text, sentence, actors)
                if head is not None and head.kind == "bloc" and head.start < mention.start:
                    side[side.index(mention)] = head  # the bloc speaking, expanded below
            for mention in [m for m in side if m.kind == "bloc"]:
                side.remove(mention)
                members = [m for m in self._bloc(mention, article) if m not in side]
                if members:
                    side.extend(members)
                    how.append("bloc")
            for mention in [m for m in side if m.kind == "pair"]:
                # ("Trump đề nghị ... giữa hai bên" after Israel and the Palestinians: the two are not the asker)
                asker = (source.actor.country if side is targets and source is not None and source.actor
                         and event_type not in MUTUAL_TYPES and article.text[max(0, mention.start - 6) : mention.start].strip() == "giữa"
                         else None)
                pair = self._pair(mention, article) or (self._pair(mention, article, exclude=asker) if asker else None)
                side.remove(mention)
                if pair and side is sources and not targets and event_type in MUTUAL_TYPES:
                    sources.extend(pair)  # "Tổng thống hai nước ... đồng ý sẽ gặp": each agrees with the other
                    how.append("pair")
                elif pair and side is sources and not targets:
                    sources.append(pair[0])
                    targets.append(pair[1])
                    how.append("pair")
                elif pair:
                    side.extend(pair)
                    how.append("pair")
        # "sự phản đối của ba cường quốc là Mỹ, Anh, Pháp": a party of the acting list is not its target
        targets = [t for t in targets if t not in sources]
        if any(t.actor and t.actor.country for t in targets):
            # "yêu cầu lực lượng thân chính phủ Syria và dân quân do Iran hậu thuẫn": the parties that
            # have a country say who was asked; a group with none adds nothing an analyst can place
            targets = [t for t in targets if t.kind in ("reference", "pair", "bloc", "we", "he") or (t.actor and t.actor.country)]
        if event_type == "THREATEN" and sources and all(
                t.actor is None or t.actor.country in {s.actor.country for s in sources if s.actor} for t in targets):
            # "cảnh báo các nước này sẽ cân nhắc ... trừng phạt tiếp theo nếu Qatar không tuân thủ": a
            # warning about what the speakers will do is aimed at whoever the condition names
            condition = _IF_ACTOR.search(text, trigger_end, sentence.end)
            warned = next((m for m in actors if condition and m.start == condition.end()), None)
            if warned is not None and warned.actor and warned.actor.country:
                targets = [warned]
        mutual_cue = bool(self.cue["mutual"].search(text, trigger_end, self._clause_end(text, sentence, trigger_end)))
        only_place = "locative" in how
        if (not targets or mutual_cue or only_place) and (event_type in MUTUAL_TYPES or mutual_cue) and len(sources) > 1:
            # "Putin và Trump đã thảo luận": each conjoined party acts toward the others; a long list
            # ("9 quốc gia sở hữu vũ khí hạt nhân - Mỹ, Nga, Anh, ...") is a multilateral setting, not dyads.
            if len({m.actor.country for m in sources if m.actor}) > MUTUAL_MAX_PARTIES:
                return []
            # ("Hàn Quốc thông báo nước này, Nhật Bản và Mỹ ...": a party named by reference is one too)
            sources = [self._resolved(m, article, None) or m if m.kind == "reference" else m for m in sources]
            return [
                self._event(article, sentence, match, pattern, event_type, a, b, confidence, how + ["mutual"])
                for a in sources for b in sources
                if a is not b and a.actor and b.actor and a.actor.country != b.actor.country
            ]
        events = []
        for s in sources or [None]:
            for t in targets or [None]:
                s_res = self._resolved(s, article, t.actor.country if t and t.actor else None) if s else None
                t_res = self._resolved(t, article, s_res.actor.country if s_res and s_res.actor else None) if t else None
                if (s_res is None and passive and event_type == "COERCE" and pattern.mode == "arrest"
                        and t_res is not None and t_res.actor and t_res.actor.country):
                    s_res = self._implied_holder(article, sentence, actors, match, t_res)
                    if s_res is not None:
                        how = how + ["implied-holder"]
                if s_res is None and not (event_type == "ASSAULT" and (passive or {"nominal", "locative"} <= set(how))):
                    continue  # (but "vụ thảm sát xảy ra tại ... Istanbul": an attack by someone unnamed, in Turkey)
                if s_res is not None and s_res.kind == "group" and event_type not in GROUP_SOURCE_TYPES:
                    continue
                if s_res is not None and s_res.actor and not s_res.actor.country and s_res.actor.role in LOCAL_GROUP_ROLES:
                    # "phiến quân rút khỏi khu vực Barzeh, ngoại ô Damascus": rebels are of where they are
                    location = self._location(article, sentence, match)
                    if location is not None and location.place.country:
                        s_res = _placed_group(s_res, location.place.country)
                        if t_res is None and event_type == "RETREAT" and _FROM_BEFORE.search(text, max(sentence.start, location.start - 55), location.start):
                            # ... and what they withdraw from goes back to their country's government
                            t_res = _implied_government(location, sentence)
                if not (s_res and s_res.actor and s_res.actor.country) and not (t_res and t_res.actor and t_res.actor.country):
                    continue  # nobody with a country: nothing an analyst can place
                needs_target = pattern.needs_target if pattern.needs_target is not None else event_type not in NO_TARGET_TYPES
                if event_type == "AGREE" and _AGREED_TO_PROPOSAL.match(text, trigger_end):
                    needs_target = False  # "Myanmar đã đồng ý với đề xuất ...": agreeing to a proposal
                from_context = False
                if (t_res is None and pattern.id in ANSWER_PATTERNS and event_type == pattern.type
                        and s_res is not None and s_res.actor and s_res.actor.country):
                    # "Tổng thống Donald Trump đã vui vẻ nhận lời": an answer goes to who asked just before
                    answer_reach = ANSWER_OPENER_REACH if self.answer_opener.match(text, sentence.start) else 2
                    t_res = self._addressee(text, sentence, actors, match.start(), s_res.actor.country) or self._source_acting_on(
                        article, sentence, s_res.actor.country, ("REQUEST",), reach=answer_reach)
                    from_context = t_res is not None
                if (t_res is not None and event_type == "REQUEST" and t_res.actor and t_res.actor.country
                        and _EXTRADITED_BEFORE.search(text, max(sentence.start, t_res.start - 20), t_res.start)):
                    # "Washington cũng đề nghị dẫn độ bà Mạnh sang Mỹ": the state holding her is asked
                    t_res = self._source_acting_on(article, sentence, t_res.actor.country, ("COERCE",), reach=3)
                    from_context = t_res is not None
                if (t_res is None and event_type in ("THREATEN", "ASSAULT") and s_res is not None and s_res.actor
                        and s_res.actor.country and self.retaliation.search(text, match.start(), self._clause_end(text, sentence, match.end()))):
                    # "Quân đội Ấn Độ cảnh báo sẽ đưa ra biện pháp trả đũa": against who struck it just before
                    t_res = self._source_acting_on(article, sentence, s_res.actor.country, HOSTILE_TYPES, reach=3)
                    from_context = t_res is not None
                if (t_res is None and event_type == "AID" and s_res is not None and s_res.actor and s_res.actor.country
                        and "nominal-agent" not in how and not _OWNER_AFTER.match(text, trigger_end)):
                    # "Singapore đã gửi 2 máy bay chở ôxy" after "Mỹ sẽ hỗ trợ ... cho Ấn Độ": donors of one appeal
                    t_res = self._recipient_before(article, sentence, s_res.actor.country)
                    if t_res is None:
                        # "Singapore đã gửi 2 máy bay chở ôxy, trong khi Đức ... thiết lập dây chuyền sản
                        # xuất ôxy tại Ấn Độ": the aid of one sentence lands where it says
                        t_res = next((m for m in actors if m.start >= trigger_end and m.actor and m.actor.country
                                      and m.actor.country != s_res.actor.country and m.actor.role is None
                                      and self._is_locative(text, m, sentence.start)), None)
                    from_context = t_res is not None
                if t_res is None and event_type == "CONCEDE" and s_res is not None and s_res.actor and s_res.actor.country:
                    # "Triều Tiên sau đó tuyên bố ông Clinton đã đưa ra những lời xin lỗi chân thành": an
                    # apology another state tells of was made to it
                    t_res = self._teller(text, sentence, actors, match.start(), s_res.actor.country)
                if t_res is None and needs_target:
                    continue
                if (t_res is not None and t_res.actor and t_res.actor.role in ("UAF", "REB") and not t_res.actor.country
                        and (event_type in COOPERATIVE_TYPES or event_type == "SANCTION")):
                    continue  # nobody aids, agrees with or sanctions "terrorists": such a phrase is the topic
                if s_res is not None and t_res is not None and s_res.actor and t_res.actor:
                    if (s_res.actor.country and s_res.actor.country == t_res.actor.country and event_type not in DOMESTIC_TYPES
                            and not (event_type == "RETREAT" and s_res.actor.role in LOCAL_GROUP_ROLES)):
                        continue  # (but rebels withdrawing give ground back to their government)
                    if (s_res.actor.country and s_res.actor.country == t_res.actor.country and s_res.actor.role
                            and not t_res.actor.role and event_type in ("ASSAULT", "MOBILIZE")):
                        continue  # "quân đội Syria tấn công ... Palmyra": a place of its own country is where, not whom
                    if s_res.actor.code == t_res.actor.code and s_res.actor.code is not None:
                        continue
                if (event_type == "PROTEST" and t_res is not None and s_res is not None and t_res.actor and s_res.actor
                        and t_res.actor.country == s_res.actor.country):
                    t_res = None  # people marching at home against another country: see below
                if t_res is None and event_type == "PROTEST" and s_res is not None and s_res.actor and s_res.actor.country:
                    # "Để đáp trả trừng phạt mới của Mỹ, người dân Iran sẽ tổ chức tuần hành": against the US
                    t_res = self._protested(text, sentence, actors, sentence.start, s_res.actor.country) or Mention(
                        s_res.text, -1, -1, sentence.index, "country",
                        Actor(s_res.actor.country, s_res.actor.country))  # people protest at home
                extra = list(how) + (["context"] if from_context else [])
                if s is not None and s.kind == "reference" or t is not None and t.kind == "reference":
                    extra.append("reference")
                events.append(self._event(article, sentence, match, pattern, event_type, s_res, t_res, confidence, extra))
        return events

    def _implied_holder(self, article, sentence, actors, match, held: Mention) -> Mention | None:
        """"Hai nhà báo Mỹ này bị bắt ... xâm nhập Triều Tiên", "bị bắt giam ... tại Hasankeyf, Đông Nam Thổ
        Nhĩ Kỳ": foreigners arrested with no agent named are held by the state where it happened, or by
        the one other state the sentence names."""
        victim = held.actor.country
        if held.start >= 0 and _ORIGIN_BEFORE.search(article.text[max(sentence.start, held.start - 8) : held.start]):
            return None  # "những người Mỹ gốc Nhật": the other country names where they come from
        location = self._location(article, sentence, match)
        if location is not None and location.place.country and location.place.country != victim:
            return _implied_government(location, sentence)
        others = {m.actor.country: m for m in actors if m.actor and m.actor.country and m.actor.country != victim
                  and m.kind in ("country", "place")}
        return next(iter(others.values())) if len(others) == 1 else None

    def _participation_events(self, article, sentence, actors, match, pattern: Pattern) -> list[Event]:
        """"cuộc tập trận ... với sự tham gia của một tàu khu trục Iran và hai tàu khu trục Trung Quốc":
        the states taking part in one joint activity, and its owner ("cuộc tập trận của quân đội Mỹ"),
        cooperate with each other. More than a few states is a multinational drill, not a partnership."""
        text = article.text
        activity = None
        for activity in _JOINT_ACTIVITY.finditer(text, sentence.start, match.start()):
            pass
        if activity is None:
            return []
        clause_end = self._clause_end(text, sentence, match.end())
        if _MANY_STATES.search(text, match.end(), clause_end):
            return []  # "5.600 binh sĩ từ 12 nước NATO cùng với Phần Lan và Thụy Điển": more states than named
        owner = next((m for m in actors if activity.end() <= m.start < match.start()
                      and _ACTIVITY_OWNER_GAP.fullmatch(text, activity.end(), m.start)), None) or self._subject(
            text, sentence, actors, activity.start(), self._clause_start(text, sentence, activity.start()))
        parties: dict[str, Mention] = {}
        for mention in ([owner] if owner is not None else []) + [m for m in actors if match.end() <= m.start < clause_end]:
            if (mention.actor and mention.actor.country and mention.actor.country not in parties
                    and not self._is_locative(text, mention, sentence.start)):
                parties[mention.actor.country] = mention
        if not 2 <= len(parties) <= MAX_PARTNERS:
            return []
        return [self._event(article, sentence, match, pattern, pattern.type, a, b, pattern.confidence, ["participation"])
                for a in parties.values() for b in parties.values() if a is not b]

    def _obligation_events(self, article, sentence, actors, match, pattern: Pattern) -> list[Event]:
        """"Mỹ phải rút ...", said by North Korea's ambassador: the speaker's demand on the state
        right before the modal; "lực lượng an ninh Pakistan đã 268 lần vi phạm ...", said by India's
        government: its charge against the state right before the verb. Both must be states, and differ."""
        text = article.text
        obliged = self._obliged(text, sentence, actors, match, pattern.frame)
        if obliged is None:
            return []
        # the speaker says it: "X cho rằng Y cần ..." (the last speech verb before Y), or "“Y phải ...”, X nói"
        # (Y opens what is said: "X cho rằng Y cần ...", not "X cho rằng ..., vì Y vẫn phải ...")
        cues = [cue for cue in self.cue["speech"].finditer(text, sentence.start, obliged.start)
                if _SAID_OPENS.fullmatch(text, cue.end(), obliged.start)]
        speakers = [m for cue in cues for m in actors
                    if m.end <= cue.start() and cue.start() - m.end < 12 and m.actor and m.actor.country]
        speaker = speakers[-1] if speakers else None
        purpose = _SO_THAT_BEFORE.search(text, max(sentence.start, obliged.start - 30), obliged.start)
        if speaker is None and purpose:
            # "hạn chót mà Saudi Arabia, UAE, Bahrain và Ai Cập đặt ra để Doha phải chấp thuận": who set it
            speaker = self._subject(text, sentence, [m for m in actors if m.end <= purpose.start()], purpose.start(),
                                    self._clause_start(text, sentence, purpose.start()))
            if speaker is not None and not (speaker.actor and speaker.actor.country):
                speaker = None
        if speaker is None:
            speaker = self._speaker_mention(article, sentence.index)
            opening = text.rfind("“", sentence.start, obliged.start) + 1 or text.rfind('"', sentence.start, obliged.start) + 1
            if (speaker is None or speaker.start < obliged.end or not opening
                    or not _QUOTE_BETWEEN.search(text, obliged.end, speaker.start)
                    or len(_WORD.findall(text[opening : obliged.start])) > 3):
                return []
        group = self._group(obliged, actors, text)
        obliged = self._resolved(obliged, article, None)
        if obliged is None or not (obliged.actor and obliged.actor.country):
            return []
        if any(m.actor and m.actor.country == speaker.actor.country for m in group):
            return []  # "Nhật và Hàn Quốc cần hợp tác", said by Japan: a call on both, itself included
        if speaker.actor.country == obliged.actor.country or speaker is obliged:
            return []
        speakers = self._group(speaker, actors, text) if purpose and speaker in actors else [speaker]
        return [self._event(article, sentence, match, pattern, pattern.type, s, obliged, pattern.confidence, ["speaker"])
                for s in speakers if s.actor and s.actor.country and s.actor.country != obliged.actor.country]

    def _obliged(self, text, sentence, actors, match, frame: str = "obligation") -> Mention | None:
        """The state right before a modal that lays a duty on it ("Mỹ phải rút ..."), or before the
        verb of a charge ("Pakistan đã nhiều lần vi phạm"), if any."""
        between = _RIGHT_BEFORE_MODAL if frame == "obligation" else _BEFORE_CHARGED_VERB
        obliged = next((m for m in reversed(actors) if m.end <= match.start()
                        and between.fullmatch(text, m.end, match.start())), None)
        if obliged is None or (frame == "obligation" and _NEED_AFTER.match(text, match.end())) or self._is_locative(text, obliged, sentence.start):
            return None  # ("thỏa thuận ngừng bắn nào ở Syria phải ...": a place, not who must act)
        return obliged

    def _owes(self, article, sentence, actors, match) -> bool:
        """A state stands right before this modal: what follows is its duty, not its deed."""
        obliged = self._obliged(article.text, sentence, actors, match)
        obliged = self._resolved(obliged, article, None) if obliged is not None else None
        return bool(obliged is not None and obliged.actor and obliged.actor.country)

    def _teller(self, text, sentence, actors, trigger_start: int, other_than: str) -> Mention | None:
        """The state that says, in this sentence, what follows: the actor right before its speech verb."""
        for cue in self.cue["speech"].finditer(text, sentence.start, trigger_start):
            teller = next((m for m in reversed(actors) if m.end <= cue.start() and cue.start() - m.end < 25
                           and m.actor and m.actor.country and m.actor.country != other_than), None)
            if teller is not None:
                return teller
        return None

    def _addressee(self, text, sentence, actors, trigger_start: int, speaker: str) -> Mention | None:
        """"Putin đã nói với tân Tổng thống Moon Jae-in rằng ông sẵn sàng ...": whom a commitment is told to."""
        return next((m for m in reversed(actors) if m.end <= trigger_start and m.actor and m.actor.country
                     and m.actor.country != speaker and _TOLD_TO.search(text, max(sentence.start, m.start - 45), m.start)), None)

    def _earlier_party(self, article, sentence, reach: int, pick) -> Mention | None:
        """The mention of the party `pick` takes from the latest event told in this sentence or the
        `reach` before (`pick` returns an event's source or target, or None to pass over it)."""
        for event in reversed(self._earlier_events):
            if event.evidence.sentence < sentence.index - reach:
                break
            party = pick(event)
            if party is not None and party.start >= 0:
                return next((m for m in article.mentions if m.start == party.start and m.end == party.end), None)
        return None

    def _source_acting_on(self, article, sentence, answerer: str, types: tuple[str, ...], reach: int = 2) -> Mention | None:
        """The source of the latest event of `types` aimed at `answerer`, of another country."""
        return self._earlier_party(article, sentence, reach, lambda e: e.source if (
            e.type in types and e.target is not None and e.target.country == answerer
            and e.source is not None and e.source.country and e.source.country != answerer) else None)

    def _recipient_before(self, article, sentence, donor: str) -> Mention | None:
        """The target of the latest aid, when not the donor itself."""
        return self._earlier_party(article, sentence, 2, lambda e: e.target if (
            e.type == "AID" and e.target is not None and e.target.country and e.target.country != donor) else None)

    def _subject_before_clause(self, text, sentence, actors, clause_start):
        """The subject opening the clause before `clause_start`, if it opens with one."""
        if clause_start <= sentence.start:
            return None
        previous_start = self._clause_start(text, sentence, clause_start - 1)
        opening = [m for m in actors if previous_start <= m.start and m.end <= clause_start
                   and len(_WORD.findall(text[previous_start : m.start])) <= 2]
        if opening and not self._is_oblique(text, opening[0], sentence.start) and not self._is_locative(text, opening[0], sentence.start):
            return opening[0]
        return None

    def _bloc(self, mention: Mention, article: Article) -> list[Mention]:
        """"các nước này", "ba nước này": the latest list of states named within a few sentences
        before; a number in the phrase must match its length."""
        text = article.text
        states = [m for m in article.mentions if m.is_actor and m.actor and m.actor.country and m.kind in ("country", "place")]
        number = _BLOC_NUMBER.search(mention.text)
        wanted = BLOC_NUMBERS.get(number.group(0).lower()) if number else None
        region = self._bloc_region(mention.text)
        earlier = [m for m in states if m.end <= mention.start and m.sentence >= mention.sentence - 4]
        seen: set[int] = set()
        for m in reversed(earlier):
            if id(m) in seen:
                continue
            group = self._conjoined(m, earlier, text)
            seen.update(id(g) for g in group)
            countries = {g.actor.country for g in group}
            if len(countries) >= 2 and wanted in (None, len(countries)) and (region is None or (
                    countries <= region and not self._is_locative(text, group[0], 0))):  # (not "khủng hoảng ở Syria và Yemen")
                return group
        return []

    def _bloc_region(self, phrase: str) -> set[str] | None:
        """The states a bloc's region words admit ("các quốc gia Arab và vùng Vịnh": Arab or Gulf), or
        None for a bloc named by no region ("các nước này")."""
        folded = phrase.lower()
        regions = [region for word, region in self.bloc_region_words.items() if word in folded]
        return set().union(*(self.bloc_regions[r] for r in regions)) if regions else None

    def _pair(self, mention: Mention, article: Article, exclude: str | None = None) -> tuple[Mention, Mention] | None:
        """"hai bên", "hai nước": the latest two actors of different countries named together (not of
        `exclude`, the country acting on the pair)."""
        text = article.text
        earlier = [m for m in article.mentions if m.end <= mention.start and m.is_actor and m.actor
                   and m.actor.country and m.actor.country != exclude and m.sentence >= mention.sentence - 3
                   and not self.topic_noun_before.search(text, max(0, m.start - 25), m.start)]  # "vấn đề Syria và Ukraine"
        for b_index in range(len(earlier) - 1, 0, -1):
            a, b = earlier[b_index - 1], earlier[b_index]
            if a.actor.country != b.actor.country and _PAIR_JOINER_DASHED.fullmatch(text[a.end : b.start]):
                return a, b
        # No pair named together: the two states of the sentence and the last one before it that names
        # any ("... du học tại Nga. Hợp tác an ninh được đẩy mạnh. Tháng 12-2013, hai bên đã ..."), when exactly two
        named = [m for m in earlier if m.kind in ("country", "person", "place")]
        before = [m.sentence for m in named if m.sentence < mention.sentence]
        for since in dict.fromkeys((mention.sentence - 1, before[-1] if before else mention.sentence)):
            near = [m for m in named if m.sentence >= since]
            if len({m.actor.country for m in near}) == 2:
                first = near[0]
                return first, next(m for m in near if m.actor.country != first.actor.country)
        return None

    def _resolved(self, mention: Mention | None, article: Article, avoid: str | None) -> Mention | None:
        if mention is None or mention.kind not in ("reference", "we", "he"):
            return mention
        if mention.kind == "he":
            # the person named before, or a title standing for one ("Tổng thống Hàn Quốc")
            people = [m for m in article.mentions if m.end <= mention.start and m.actor and m.actor.country
                      and m.sentence >= mention.sentence - 3
                      and (m.kind == "person" or (m.kind == "country" and m.actor.role in ("GOV", "MIL") and m.text[:1].isupper()))]
            return people[-1] if people else None
        if mention.kind == "we":
            return self._speaker_mention(article, mention.sentence) or self._speaker_mention(article, mention.sentence - 1)
        if self.reported_subject.search(article.text, max(0, mention.start - 30), mention.start):
            # "Trung Quốc phản đối ..., nói rằng họ hy vọng ...": they are whoever speaks
            sentence = article.sentences[mention.sentence]
            head = self._sentence_head(article.text, sentence, [m for m in self._by_sentence.get(mention.sentence, []) if m.is_actor])
            if head is not None and head.actor and head.actor.country and head.start < mention.start:
                return head
        return self._resolve(mention, article, avoid)

    def _speaker_mention(self, article: Article, index: int) -> Mention | None:
        """Who speaks in a sentence: the actor just before a speech verb ("ông Lavrov nói")."""
        if not 0 <= index < len(article.sentences):
            return None
        sentence = article.sentences[index]
        mentions = [m for m in self._by_sentence.get(index, []) if m.actor and m.actor.country
                    and m.kind in ("person", "country", "place", "organisation")]
        for cue in self.cue["speech"].finditer(article.text, sentence.start, sentence.end):
            before = [m for m in mentions if m.end <= cue.start() and cue.start() - m.end < 12]
            if before:
                return before[-1]
        return None

    def _subject(self, text, sentence, actors, trigger_start, clause_start) -> Mention | None:
        before = [m for m in actors if m.end <= trigger_start]
        for floor in (clause_start, sentence.start):
            for mention in reversed(before):
                if mention.start < floor:
                    break
                if floor == sentence.start and floor != clause_start and len(_WORD.findall(text[_body_start(text, sentence) : mention.start])) > SENTENCE_SUBJECT_REACH:
                    continue  # across a clause break only the sentence's own subject counts
                head = self._group(mention, actors, text)[0]  # "với May và Merkel": Merkel is oblique too
                if ((self._is_oblique(text, head, sentence.start) or self._is_locative(text, head, sentence.start))
                        and not (floor == clause_start and _CAUSE_BEFORE.search(text, max(sentence.start, head.start - 12), head.start)
                                 and (_CLAUSE_SUBJECT_AFTER.match(text, mention.end) or self._verb_follows(text, mention.end)))):
                    continue  # (but "bởi Washington từng nhiều lần chỉ trích", "với lý do Doha ủng hộ ...": a cause, a clause of its own)
                if self.topic_noun_before.search(text, max(sentence.start, head.start - 25), head.start):
                    continue  # "vấn đề Syria và Ukraine": a topic, not a subject
                if self._is_object(text, head, sentence.start) and not _CLAUSE_SUBJECT_AFTER.match(text, mention.end):
                    continue  # "trục xuất lực lượng Pháp ... và tăng cường": Pháp is an object
                    # (but "đổ lỗi Qatar đã ... hỗ trợ": Qatar opens a clause of its own)
                return mention
        return None

    def _sentence_head(self, text, sentence, actors) -> Mention | None:
        """The sentence's subject: its first actor that is not after a preposition, among its first words."""
        for mention in actors:
            if len(_WORD.findall(text[_body_start(text, sentence) : mention.start])) > SENTENCE_SUBJECT_REACH:
                return None
            if not self._is_oblique(text, mention, sentence.start) and not self._is_locative(text, mention, sentence.start):
                return mention
        return None

    def _owner_subject(self, text, sentence, actors, trigger_start, clause_start) -> Mention | None:
        """"Người phát ngôn Ủy ban Hòa bình ... của Triều Tiên cáo buộc Mỹ": the organ's country acts."""
        before = [m for m in actors if clause_start <= m.start and m.end <= trigger_start]
        if before and _OWNER_OF_END.search(text[max(sentence.start, before[-1].start - 8) : before[-1].start]) \
                and _TIME_AND_ASPECT.fullmatch(text[before[-1].end : trigger_start]):
            return before[-1]
        return None

    def _owner_subject_anywhere(self, text, sentence, actors, trigger_start, clause_start) -> Mention | None:
        """"quyết định mới của Tổng thống Mỹ được đưa ra sau ...": the owner of the clause's first noun."""
        before = [m for m in actors if clause_start <= m.start and m.end <= trigger_start
                  and _OWNER_OF_END.search(text[max(sentence.start, m.start - 8) : m.start])]
        return before[0] if before else None

    def _follows_trigger(self, text: str, sentence: Sentence, position: int) -> bool:
        """True when another trigger of this sentence ends within a few words before `position`."""
        floor = max(sentence.start, position - 40)
        return any(floor <= end < position and len(_WORD.findall(text[end:position])) <= 2 for end in self._live_trigger_ends)

    def _is_object(self, text: str, mention: Mention, floor: int) -> bool:
        """True when the mention directly follows another trigger: it is that verb's object."""
        window = text[max(floor, mention.start - 40) : mention.start]
        return any(self.quantity_only.fullmatch(window[m.end():]) for m in self.trigger_re.finditer(window))

    def _target_after_prep(self, text, after: list[Mention], pattern: Pattern, trigger_end: int) -> Mention | None:
        if pattern.target_preps:
            preps = _prep_pattern(tuple(pattern.target_preps))
            for mention in after:
                gap = text[trigger_end : mention.start]
                found = None
                for found in preps.finditer(gap):  # noqa: B007 - the last preposition before the actor counts
                    pass
                if (found and (len(_WORD.findall(gap[found.end():])) <= PREP_GAP or _GOODS_OF.fullmatch(gap, found.end()))
                        and not self.relation_noun_end.search(gap[: found.start() + 1].rstrip())
                        # (unless the pattern names "cùng với" itself: rescuers "cùng với hải quân Indonesia")
                        and not (pattern.type not in MUTUAL_TYPES and _PARTNER_BEFORE.search(gap)
                                 and found.group(0).strip().lower() != "cùng với")):
                    return mention  # ("các nhóm liên quan tới Iran", "biên giới với Ukraine": a relation, not a party)
        return None

    def _target_plain(self, text, sentence, after: list[Mention], pattern: Pattern) -> Mention | None:
        # ("thảo luận ... vấn đề Syria": a country named as the topic is not the other side)
        plain = [m for m in after if not self._is_locative(text, m, sentence.start)
                 and not self.topic_noun_before.search(text, max(sentence.start, m.start - 25), m.start)
                 and not _PARTNER_BEFORE.search(text, max(sentence.start, m.start - 12), m.start)  # "cùng với Pháp": a partner
                 and not _RELATED_TO_BEFORE.search(text, max(sentence.start, m.start - 20), m.start)]  # "các nhóm liên quan tới Iran"
        if pattern.type in ("AGREE", "COOPERATE", "AID"):
            # "sẵn sàng giải quyết mối đe dọa hạt nhân của Triều Tiên": an owner, not a partner
            # (but "hoan nghênh quyết định của Washington" does support Washington)
            plain = [m for m in plain if not _OWNER_OF_END.search(text[max(sentence.start, m.start - 8) : m.start])]
        if pattern.type == "ACCUSE":
            # "lên án vụ tấn công nhằm vào người dân London": the victims are not the accused
            plain = [m for m in plain if not _VICTIM_BEFORE.search(text, max(sentence.start, m.start - 40), m.start)]
        if plain:
            return plain[0]
        if pattern.locative_target:
            places = [m for m in after if self._is_locative(text, m, sentence.start)]
            return places[0] if places else None
        return None

    def _target_before(self, text, sentence, actors, pattern: Pattern, source: Mention | None, trigger_start: int) -> Mention | None:
        """A target between subject and verb: "quân đội Mỹ đã cho Nga tọa độ", "A với B hợp tác"."""
        floor = source.end if source is not None else sentence.start
        preps = _prep_pattern(tuple(pattern.target_preps or ("với", "cho")))
        for mention in actors:
            if floor <= mention.start and mention.end <= trigger_start:
                gap_before = text[max(floor, mention.start - 12) : mention.start]
                if (preps.search(gap_before) and gap_before.rstrip().split()[-1:] and preps.search(" " + gap_before.rstrip().split()[-1] + " ")
                        and not (pattern.type not in MUTUAL_TYPES and _PARTNER_BEFORE.search(gap_before))):
                    return mention  # (not "góp quân cùng với Pháp ... tiêu diệt": a partner)
        return None

    # ---- building the event ---------------------------------------------------------------
    def _event(self, article, sentence, match, pattern: Pattern, event_type, source, target, confidence, how) -> Event:
        text = article.text
        sentence_text = text[sentence.start : sentence.end]
        factuality, speaker, via = self._factuality(article, sentence, match, source, visit=pattern.mode == "visit")
        root = pattern.cameo if pattern.type == event_type and pattern.cameo else DEFAULT_CAMEO_ROOT[event_type]
        cameo = self.roots.get(root)
        context = pattern.context
        if context is None:
            context = self._sentence_context(sentence_text)
        confidence += sum(CONFIDENCE_EVIDENCE.get(item, 0.0) for item in set(how))
        if source is None or target is None:
            confidence -= 0.05
        date = self._date(article, sentence, match)
        location = self._location(article, sentence, match)
        if location is not None and location.place.country:
            # "phiến quân Maute tại Marawi": rebels named by where they fight are that country's.
            source, target = (_placed_group(side, location.place.country) for side in (source, target))
        return Event(
            type=event_type,
            source=_ref(source),
            target=_ref(target),
            evidence=Evidence(sentence.index, sentence.start, sentence.end, sentence_text,
                              caption=any(start <= sentence.start < end for start, end in article.captions),
                              raw_start=article.raw_offset(sentence.start) if article.origin else None),
            trigger=match.group(0),
            pattern=pattern.id,
            mode=pattern.mode if event_type == pattern.type else None,
            context=context,
            date=date,
            background=_is_background(date, article.date),
            factuality=factuality,
            speaker=speaker,
            via=via,
            cameo=root,
            quad_class=cameo.quad_class if cameo else None,
            goldstein=cameo.goldstein if cameo else None,
            confidence=round(min(0.95, max(0.05, confidence)), 2),
            location=location,
        )

    def _location(self, article: Article, sentence: Sentence, match) -> Location | None:
        """Where it happened: a place named with a place word ("tại Bonn", "ở Niger", "tại thành phố
        al-Bab") in the trigger's clause, else in its sentence; a town before a country. Places named
        without a place word (an actor "Washington", a target "Syria") are not where it happened."""
        text = article.text
        clause = (self._clause_start(text, sentence, match.start()), self._clause_end(text, sentence, match.end()))
        if sentence.index not in self._placed:  # once per sentence, not once per trigger
            self._placed[sentence.index] = [m for m in self._by_sentence.get(sentence.index, [])
                                            if m.place is not None and m.start >= 0 and self._is_locative(text, m, sentence.start)]
        placed = self._placed[sentence.index]
        for low, high in (clause, (sentence.start, sentence.end)):
            here = [m for m in placed if low <= m.start < high]
            if here:
                best = min(here, key=lambda m: (m.place.precision != "city", m.start < match.start(), abs(m.start - match.end())))
                return Location(best.text, best.start, best.end, best.place)
        return None

    def _sentence_context(self, sentence_text: str) -> str | None:
        """The first context label (military, economic, ...) whose words the sentence holds; asked
        for each event, and a sentence often gives several."""
        if self._context_of[0] != sentence_text:
            # a label's pattern is searched only where the lower-cased sentence holds one of its words (as
            # the date rules are gated): ten whole-sentence scans were 2% of the pipeline's time
            lower = sentence_text.lower()
            gated = len(lower) == len(sentence_text) and UNUSUAL_CASE is not None and not UNUSUAL_CASE.search(sentence_text)
            label = next((label for label, words in self.contexts.items()
                          if (not gated or any(word in lower for word in self.context_words[label])) and words.search(sentence_text)), None)
            self._context_of = (sentence_text, label)
        return self._context_of[1]

    def _attribution(self, article: Article, sentence: Sentence) -> tuple[list[str], bool, str | None, bool]:
        """Who tells a sentence, and through which outlets: (the outlets, one of them is the claim's
        source, the speaker, "theo" attributes it). The same for every event of the sentence: found once."""
        found = self._attributions.get(sentence.index)
        if found is not None:
            return found
        text = article.text
        s_text = text[sentence.start : sentence.end]
        mentions = self._by_sentence.get(sentence.index, [])
        # Outlets in a source chain, in text order: "Theo đài RT, truyền thông Niger đưa tin", "nói với
        # Sputnik". An outlet in a photo credit ("Ảnh: AFP") is not a source.
        chain = [m for m in mentions if m.kind == "outlet"
                 and (self.via_before.search(text, max(sentence.start, m.start - 30), m.start) or self.via_after.match(text, m.end))]
        via = [m.actor.name if m.actor and m.actor.name else m.text for m in chain]
        # The claim comes from the outlet ("Theo Reuters", "AP đưa tin"), not merely through it
        # ("nói với Sputnik", "trả lời phỏng vấn Anadolu": then the speaker asserts it).
        # "Theo phóng viên TTXVN tại Seoul": the paper's own correspondent saw it, which is no relay of a claim
        own_correspondent = [m for m in chain if _OWN_CORRESPONDENT.search(text, max(sentence.start, m.start - 30), m.start)]
        outlet_is_source = any(not self.venue_before.search(text, max(sentence.start, m.start - 30), m.start)
                               and not self.venue_interviewer.match(text, m.end) for m in chain if m not in own_correspondent)
        speaker = None
        for cue in self.cue["speech"].finditer(text, sentence.start, sentence.end):
            before = [m for m in mentions if m.end <= cue.start() and m.kind in ("person", "country", "place", "organisation")
                      and cue.start() - m.end < 12]
            if before:
                speaker = before[-1].text
                break
        # "Theo Reuters, ...", "..., theo TASS": not the verb of "lần theo các tên lửa", "tiếp theo", "kéo theo"
        theo = _ACCORDING_TO.search(s_text)
        if theo and own_correspondent and _CORRESPONDENT.match(s_text, theo.end()):
            theo = None
        if theo and speaker is None:
            after = [m for m in mentions if m.start >= sentence.start + theo.end() and m.start - (sentence.start + theo.end()) < 12
                     and m.kind != "outlet"]
            if after:
                speaker = after[0].text
        if speaker is None:
            quote_speaker = _SPEAKER_AFTER_QUOTE.search(s_text)
            if quote_speaker:
                speaker = quote_speaker.group(1).strip()
        found = self._attributions[sentence.index] = (via, outlet_is_source, speaker, theo is not None)
        return found

    def _factuality(self, article, sentence, match, source: Mention | None = None, visit: bool = False) -> tuple[str, str | None, list[str]]:
        text = article.text
        s_text = text[sentence.start : sentence.end]
        trigger = match.group(0).lower()
        via, outlet_is_source, speaker, theo = self._attribution(article, sentence)
        via = list(via)  # each event its own list
        bounds = _WordBounds(text, sentence)

        def outside_trigger(cue_name: str, region: tuple[int, int]) -> bool:
            return any(m.group(0).lower() not in trigger and not (m.start() >= match.start() and m.end() <= match.end())
                       and bounds.aligned(m.start(), m.end())
                       for m in self.cue[cue_name].finditer(text, *region))

        whole = (sentence.start, sentence.end)
        clause = (self._clause_start(text, sentence, match.start()), self._clause_end(text, sentence, match.end()))
        left_plan = self._before(text, match.start(), sentence.start, self.planned_window)
        left_start = match.start() - len(left_plan)
        if source is not None and clause[0] <= source.end <= left_start:
            # "Nga chuẩn bị gửi thêm thiết bị ... tới hỗ trợ": the plan runs from its subject to the verb.
            left_start = source.end
        if outside_trigger("denied", clause) and not _DENIES_PREVIOUS.search(text, *clause):
            return "denied", speaker, via
        if s_text.rstrip().endswith("?") or outside_trigger("speculated", (self._clause_start(text, sentence, match.start()), match.start())):
            return "speculated", speaker, via
        if outside_trigger("planned", (left_start, match.start())):
            return "planned", speaker, via
        if visit and _INVITED_BEFORE.search(text, clause[0], match.start()):
            return "planned", speaker, via
        if ((trigger.startswith(("cuộc", "vụ", "chuyến")) or self.nominal_before.search(text, max(sentence.start, match.start() - 15), match.start()))
                and _PLANNED_PREDICATE.match(text, match.end(), clause[1])):
            return "planned", speaker, via  # "Cuộc tấn công ... sẽ được tiến hành trong vài ngày tới": the noun's predicate plans it
        if outlet_is_source or theo or outside_trigger("reported", whole):
            return "reported", speaker, via
        return "asserted", speaker, via

    def _date(self, article: Article, sentence: Sentence, match) -> TimeExpression | None:
        """The nearest date in the sentence; else the last one earlier in the same paragraph (news
        dates an event once, then goes on about it); else the article's own date, marked so."""
        in_sentence = [t for t in article.times if sentence.start <= t.start < sentence.end and t.value]
        # "ngày 2/6 cho biết": when it was said; the event's own date where the sentence has one,
        # else the day it was told (a statement is its own event; a report is told soon after).
        times = [t for t in in_sentence if not self.speech_after_date.match(article.text, t.end)] or in_sentence
        if times:
            text = article.text
            clause = (self._clause_start(text, sentence, match.start()), self._clause_end(text, sentence, match.end()))
            own = [t for t in times if clause[0] <= t.start < clause[1]]
            opening = [t for t in times if len(_WORD.findall(text[sentence.start : t.start])) <= 1]
            pool = own or opening or times
            return min(pool, key=lambda t: abs(t.start - match.end()) if t.start >= match.end() else (match.start() - t.end) * 1.5)
        paragraph_start = article.text.rfind("\n", 0, sentence.start) + 1
        earlier = [t for t in article.times if paragraph_start <= t.start < sentence.start and t.value]
        if earlier:
            return earlier[-1]
        if self.cue["after_anchor"].match(article.text, sentence.start):
            # "Sau cuộc đảo chính, ...": after the happening the sentences before just dated
            before = [t for t in article.times if t.value and t.start < sentence.start
                      and sentence.index - _sentence_index(article, t.start) <= ANCHOR_SENTENCES]
            if before:
                return before[-1]
        if article.date and not self.cue["history"].search(article.text, sentence.start, sentence.end):
            # News without a date of its own tells what just happened: the article's date stands in,
            # marked as such (basis "article"). Not for history ("trước đó", "từng", "kể từ").
            precision = {4: "year", 7: "month"}.get(len(article.date), "day")
            return TimeExpression(None, -1, -1, article.date[:10], precision, basis="article")
        return None


# An event dated this many days or more before its article is background, not this week's news.
BACKGROUND_DAYS = 31


def _is_background(when: TimeExpression | None, article_date: str | None) -> bool:
    """True when the event's own date lies clearly before the article's (at the coarser precision)."""
    if when is None or not when.value or not article_date:
        return False
    event_parts = [int(p) for p in when.value.split("-")]
    article_parts = [int(p) for p in re.findall(r"\d+", article_date)[:3]]
    common = min(len(event_parts), len(article_parts))
    if event_parts[:common] >= article_parts[:common]:
        return False
    if common < 3:
        return True  # an earlier month or year
    from datetime import date

    return (date(*article_parts) - date(*event_parts)).days >= BACKGROUND_DAYS


class _WordBounds:
    """Word boundaries from the segmenter: a cue must be whole words ("định" is not a cue inside
    "xác định"). Only a window of a few syllables around the cue is segmented: the segmenter's
    features are local, and whole sentences cost 1.5 ms each (bench/throughput.py profile)."""

    def __init__(self, text: str, sentence: Sentence):
        self.text = text
        self.sentence = sentence
        self.syllables: list[re.Match] | None = None
        self.starts: list[int] = []

    def aligned(self, start: int, end: int) -> bool:
        if self.syllables is None:
            self.syllables = list(_WORD.finditer(self.text, self.sentence.start, self.sentence.end))
            self.starts = [m.start() for m in self.syllables]
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_left(self.starts, end) - 1
        if first < 0 or last < first:
            return False
        low, high = max(0, first - WORD_WINDOW), min(len(self.syllables) - 1, last + WORD_WINDOW)
        window_start, window_end = self.syllables[low].start(), self.syllables[high].end()
        words = segment.window_words(self.text[window_start:window_end], window_start == self.sentence.start)
        return (any(s == start - window_start for s, _, _ in words)
                and any(e == end - window_start for _, e, _ in words))


@lru_cache(maxsize=64)
def _prep_pattern(preps: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?:^|\s)(?:" + "|".join(re.escape(p) for p in sorted(preps, key=len, reverse=True)) + r")(?=\s)", re.IGNORECASE)


_ATTRIBUTION_OPENING = re.compile(r"\s*(?:Theo|Dẫn lời|Trích lời)\s+[^,.;:]{1,120},\s*")


_ATTRIBUTION_BEFORE = re.compile(r"(?:^|[.!?:\"“”]\s*)(?:Theo|Dẫn lời|Trích lời)\s+[^,.;:]{0,80}$")


# "chuyến thăm Hàn Quốc và Nhật Bản của Bộ trưởng ...": the places visited, then the visitor
_PLACES_THEN_OWNER = re.compile(r"\s+X(?:\s*(?:,|và)\s*X)*\s+của\s+$", re.IGNORECASE)


def _names_as_one_word(text: str, start: int, end: int, mentions: list[Mention]) -> str:
    """text[start:end] with each whole name in it written as X."""
    pieces, cursor = [], start
    for mention in mentions:
        if start <= mention.start and mention.end <= end:
            pieces.append(text[cursor : mention.start] + "X")
            cursor = mention.end
    return "".join(pieces) + text[cursor:end]


def _list_kind(mention: Mention) -> str:
    """The kind a list item must share with its neighbours: "nước này, Nhật Bản và Mỹ" lists states."""
    return "country" if mention.kind in ("reference", "place") else mention.kind


def _body_start(text: str, sentence: Sentence) -> int:
    """Where the sentence's clause begins after an opening attribution ("Theo Ngoại trưởng X, ông Y ...")."""
    opening = _ATTRIBUTION_OPENING.match(text, sentence.start, sentence.end)
    return opening.end() if opening else sentence.start


def _sentence_index(article: Article, offset: int) -> int:
    starts = [s.start for s in article.sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _implied_government(location: Location, sentence: Sentence) -> Mention:
    """The government of where something happened, implied, not written: no span of its own."""
    country = location.place.country
    return Mention(location.text, -1, -1, sentence.index, "country", Actor(f"{country}GOV", country, "GOV"))


def _placed_group(mention: Mention | None, country: str) -> Mention | None:
    actor = mention.actor if mention is not None else None
    if actor is None or actor.country or actor.role not in LOCAL_GROUP_ROLES:
        return mention
    return Mention(mention.text, mention.start, mention.end, mention.sentence, mention.kind,
                   Actor(f"{country}{actor.role}", country, actor.role, actor.name))


def _side_key(ref: ActorRef | None) -> str | None:
    return None if ref is None else (ref.country or ref.code or ref.text)


def _ref(mention: Mention | None) -> ActorRef | None:
    if mention is None:
        return None
    actor = mention.actor
    start, end = (mention.start, mention.end) if mention.start >= 0 else (None, None)
    return ActorRef(mention.text, actor.code if actor else None, actor.country if actor else None, start, end)


_CODERS: dict[int, Coder] = {}


def code_events(article: Article, resources: Resources) -> Article:
    coder = _CODERS.get(id(resources))
    if coder is None:
        coder = _CODERS[id(resources)] = Coder(resources)
    return coder.code(article)
