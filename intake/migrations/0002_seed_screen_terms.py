"""The screen's first words and addresses. They are data: moderators' administrators edit them in the admin
("Từ ngữ cần kiểm duyệt"); this migration only adds the missing ones and never removes an edited list."""

from django.db import migrations

# Words written with Vietnamese marks match only with them (lô đề ≠ lo để); written without, they match the
# text folded to its bare letters, with or without marks.
GAMBLING_WORDS = [
    # Vietnamese
    "nhà cái", "nha cai", "cá cược", "ca cuoc", "cá độ", "cá độ bóng đá", "nổ hũ", "no hu", "tài xỉu", "tai xiu",
    "xóc đĩa", "xoc dia", "lô đề", "đánh đề", "soi cầu", "soi kèo", "soi keo", "game bài", "game bai",
    "đổi thưởng", "doi thuong", "bắn cá đổi thưởng", "sòng bạc", "kèo nhà cái", "link vào nhà cái",
    "nạp tiền nhận thưởng", "cược thủ", "tỷ lệ kèo",
    # English
    "casino", "online casino", "betting", "sportsbook", "poker", "jackpot", "roulette", "baccarat", "gambling",
    "slot game", "online slots", "free spins", "blackjack",
    # Names of gambling sites common in Vietnamese spam
    "1xbet", "fb88", "w88", "188bet", "m88", "fun88", "kubet", "789bet", "hi88", "jun88", "new88", "shbet",
    "8xbet", "f8bet", "nohu", "sunwin", "go88", "b52club", "rikvip", "iwin", "typhu88", "vn88", "bk8",
]
SHORTENERS = [
    "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "v.gd", "buff.ly", "rebrand.ly",
    "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "s.id", "t.ly", "shorte.st", "adf.ly", "short.gy", "qrco.de",
    "bom.so", "bom.to", "tiny.one", "shorturl.asia", "urlz.fr", "lnkd.in",
]


def seed(apps, schema_editor):
    ScreenTerm = apps.get_model("intake", "ScreenTerm")
    for term in GAMBLING_WORDS:
        ScreenTerm.objects.get_or_create(kind="word", term=term, defaults={"reason": "gambling"})
    for host in SHORTENERS:
        ScreenTerm.objects.get_or_create(kind="host", term=host, defaults={"reason": "shortener"})


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
