"""Plausible Vietnamese ward-news text from a syllable vocabulary of our own, for benchmarks only.

Words are drawn with Zipf-like frequencies from two-syllable words and single syllables, so common words
("phường", "công tác") appear in a large share of articles, as in real news, and rare ones in few.
Both tone placements occur (hoà/hòa, uỷ/ủy, khoẻ/khỏe), as on real portals.
"""

import random

# Two-syllable words and fixed phrases common in ward and commune news.
WORDS = """
phường xã|công tác|nhân dân|người dân|cán bộ|đảng viên|chi bộ|đảng uỷ|đảng ủy|uỷ ban|ủy ban|chính quyền
hội nghị|triển khai|thực hiện|kế hoạch|nhiệm vụ|kết quả|tổ chức|phong trào|khu phố|tổ dân phố|an ninh
trật tự|quốc phòng|văn hoá|văn hóa|xã hội|giáo dục|y tế|sức khoẻ|sức khỏe|môi trường|vệ sinh|đô thị
giải phóng|mặt bằng|xây dựng|nông thôn|kinh tế|phát triển|đầu tư|dự án|công trình|giao thông|đường phố
thủ tục|hành chính|dịch vụ|trực tuyến|đăng ký|khai sinh|hộ tịch|căn cước|thuế|hộ kinh doanh|thị trường
tiêm chủng|trẻ em|người cao tuổi|gia đình|chính sách|an sinh|hộ nghèo|quỹ|hỗ trợ|thiên tai|mưa bão|ngập úng
phòng cháy|chữa cháy|dân phòng|công an|quân sự|tuyển quân|thanh niên|phụ nữ|cựu chiến binh|hội viên
học sinh|trường học|năm học|khai giảng|thể thao|lễ hội|du lịch|biển|vịnh|cảng|hải sản|thuỷ sản|thủy sản
hoà giải|hòa giải|tiếp công dân|kiến nghị|cử tri|đại biểu|hội đồng|nghị quyết|chỉ thị|thông báo|quy hoạch
tuyên truyền|vận động|đoàn kết|thi đua|khen thưởng|tổng kết|sơ kết|đánh giá|kiểm tra|giám sát|báo cáo
""".replace("\n", "|").split("|")
# Single syllables that glue sentences together.
SYLLABLES = [
    "và",
    "của",
    "các",
    "những",
    "được",
    "cho",
    "với",
    "trong",
    "trên",
    "tại",
    "theo",
    "về",
    "đã",
    "đang",
    "sẽ",
    "là",
    "có",
    "không",
    "này",
    "đó",
    "khi",
    "để",
    "từ",
    "đến",
    "như",
    "năm",
    "tháng",
    "ngày",
    "tuần",
    "mới",
    "cũ",
    "lớn",
    "nhỏ",
    "nhiều",
    "ít",
    "cao",
    "thấp",
    "tốt",
    "nhanh",
    "chậm",
    "sạch",
    "đẹp",
    "an",
    "toàn",
    "đúng",
    "đủ",
    "rõ",
    "chung",
    "họp",
    "bàn",
    "bán",
    "ban",
    "hoa",
    "hoà",
    "lúa",
    "mạ",
    "mã",
    "má",
    "tin",
    "tức",
    "sự",
    "kiện",
    "lịch",
    "điện",
    "nước",
    "nhà",
    "đất",
    "chợ",
    "cầu",
    "cây",
    "xanh",
    "hồ",
]


ONSETS = [
    "b",
    "c",
    "ch",
    "d",
    "đ",
    "g",
    "gh",
    "h",
    "kh",
    "l",
    "m",
    "n",
    "ng",
    "nh",
    "ph",
    "qu",
    "s",
    "t",
    "th",
    "tr",
    "v",
    "x",
]
RHYMES = [
    "a",
    "an",
    "anh",
    "ao",
    "at",
    "ay",
    "ai",
    "e",
    "em",
    "en",
    "eo",
    "i",
    "im",
    "in",
    "inh",
    "it",
    "o",
    "oa",
    "oai",
    "oan",
    "oang",
    "oi",
    "om",
    "on",
    "ong",
    "ot",
    "u",
    "ui",
    "um",
    "un",
    "ung",
    "uyên",
    "uân",
    "ươ",
    "ương",
    "ươi",
    "ưu",
]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


class TextGenerator:
    """Seeded, so every run (and both databases) get the same corpus."""

    def __init__(self, seed=20261127, long_tail=3000):
        import unicodedata

        self.random = random.Random(seed)
        head = [w.strip() for w in WORDS if w.strip()] + SYLLABLES
        self.random.shuffle(head)
        tail = set()
        while len(tail) < long_tail:
            parts = []
            for _ in range(2):
                rhyme = self.random.choice(RHYMES)
                tone = self.random.choice(TONES)
                # The tone mark goes on the rhyme's first vowel: a plausible spelling is all we need.
                parts.append(unicodedata.normalize("NFC", self.random.choice(ONSETS) + rhyme[0] + tone + rhyme[1:]))
            tail.add(" ".join(parts))
        self.vocab = head + sorted(tail)
        self.weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.vocab))]
        self.cum = list(__import__("itertools").accumulate(self.weights))

    def _text(self, n, sentence_len=(8, 16)):
        words = self.random.choices(self.vocab, cum_weights=self.cum, k=n)
        out, i = [], 0
        while i < n:
            j = i + self.random.randint(*sentence_len)
            sentence = " ".join(words[i:j])
            out.append(sentence[:1].upper() + sentence[1:] + ".")
            i = j
        return " ".join(out)

    def title(self):
        return self._text(self.random.randint(5, 9), (20, 20))[:-1]

    def lead(self):
        return self._text(self.random.randint(14, 22), (30, 30))

    def body_paragraphs(self, paragraphs=3):
        return [self._text(self.random.randint(30, 60)) for _ in range(paragraphs)]
