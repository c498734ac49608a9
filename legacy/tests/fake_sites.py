"""Three small made-up old ward portals, one per vendor style (Liferay, ASP.NET, WordPress), written for these
tests, and WARC files built from them with warcio as `wget --warc-file` would save them.

What the tests expect of them is counted from the pages' own declarations (`PAGES`' kinds), never written twice.
"""

import io
from dataclasses import dataclass

from PIL import Image
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

LIFERAY = "tranhungdao.example.gov.vn"
ASPNET = "bachdang.example.gov.vn"
WORDPRESS = "honggai-cu.example.vn"


@dataclass
class FakePage:
    host: str
    path: str  # with its query string
    kind: str  # what the importer should make of it: article, alias, listing, other, gone, image, redirect
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str = ""  # for kind "redirect"
    story: str = ""  # the story an article or alias page carries (the same story on two sites shares one)

    @property
    def url(self):
        return f"http://{self.host}{self.path}"


def picture(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


PHOTO = picture((200, 40, 40))
OTHER_PHOTO = picture((40, 120, 200))


def liferay(title, date_line, crumb, body):
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{title} - Cổng TTĐT phường Trần Hưng Đạo</title></head><body>
<div id="banner"><a href="/web/thd/trang-chu">Trang chủ</a> <a href="/web/thd/tin-tuc-su-kien">Tin tức</a>
<a href="/web/thd/lien-he">Liên hệ</a> <a href="/web/thd/tim-kiem?keywords=rac&amp;p_p_id=3">Tìm kiếm</a></div>
<div class="portlet-boundary portlet-breadcrumb"><ul class="breadcrumb">
<li><a href="/web/thd/trang-chu">Trang chủ</a></li>
<li><a href="/web/thd/tin-tuc-su-kien">{crumb}</a></li></ul></div>
<div class="portlet-body"><div class="journal-content-article">
<h1 class="header-title">{title}</h1><div class="asset-date">{date_line}</div>{body}</div></div>
<div id="footer">Bản quyền: UBND phường Trần Hưng Đạo. Địa chỉ: số 1 đường Bến Đoan.</div></body></html>"""


def aspnet(title, date_line, crumb, body):
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{title}</title>
</head><body><form id="form1" action="ChiTiet.aspx" method="post"><input type="hidden" name="__VIEWSTATE" value="dDwx">
<table width="100%"><tr><td class="menu"><a href="Default.aspx">TRANG CHỦ</a> |
<a href="DanhSach.aspx?CatID=3">{crumb}</a>
</td></tr><tr><td><div id="ctl00_duongdan" class="duongdan"><a href="Default.aspx">Trang chủ</a> &gt;
<a href="DanhSach.aspx?CatID=3">{crumb}</a></div>
<div id="ctl00_ContentPlaceHolder1_pnlChiTiet"><span class="tieude"><h1>{title}</h1></span>
<span class="ngaydang">{date_line}</span>{body}</div></td></tr></table>
<div class="footer">Cổng thông tin điện tử phường Bạch Đằng</div></form></body></html>"""


def wordpress(title, date_line, crumb, body):
    return f"""<!doctype html><html lang="vi"><head><meta charset="UTF-8"><title>{title} &#8211; Phường Hồng Gai</title>
<meta property="og:title" content="{title}"></head><body class="single">
<header class="site-header"><nav><a href="/">Trang chủ</a>
<a href="/category/van-hoa-xa-hoi/">{crumb}</a></nav></header>
<main id="main"><article class="post type-post"><header class="entry-header"><h1 class="entry-title">{title}</h1>
<div class="entry-meta"><span class="posted-on">{date_line}</span> trong <a href="/category/van-hoa-xa-hoi/"
rel="category tag">{crumb}</a></div></header><div class="entry-content">{body}</div></article></main>
<aside class="widget"><h3>Bài mới</h3></aside><footer class="site-footer">Phường Hồng Gai cũ</footer></body></html>"""


def listing(render, crumb, entries):
    items = "".join(
        f'<li><a href="{href}">{title}</a> <span class="date">{date}</span><p>Tóm tắt ngắn của bài.</p></li>'
        for href, title, date in entries
    )
    return render(crumb, "", crumb, f'<ul class="news-list">{items}</ul>')


STORY_A1 = (
    '<p class="sapo">Sáng Chủ nhật, khu phố 3 tổ chức ngày hội đại đoàn kết với hội trại, bữa cơm chung và các '
    "trò chơi dân gian cho thiếu nhi.</p>"
    "<p>Ngày hội có hơn ba trăm hộ dân tham gia, cùng đại diện các đoàn thể và lực lượng công an khu vực. Ban công "
    "tác mặt trận khu phố báo cáo kết quả một năm thực hiện cuộc vận động xây dựng đời sống văn hoá ở khu dân cư.</p>"
    "<p>Ban tổ chức trao hai mươi suất quà cho các gia đình có hoàn cảnh khó khăn và khen thưởng những hộ tiêu biểu "
    "trong phong trào giữ gìn vệ sinh đường phố.</p><p>Nguồn: Ban biên tập phường Trần Hưng Đạo</p>"
)
STORY_A2 = (
    "<p><strong>Phường khai trương điểm thu gom rác tái chế thứ hai tại khu phố 5, mở cửa vào sáng thứ Bảy hằng "
    "tuần.</strong></p><p>Người dân mang giấy, chai nhựa và lon kim loại đã phân loại đến đổi lấy cây xanh hoặc "
    "túi vải. Mô hình tiếp nối điểm thu gom đầu tiên đã giới thiệu trong "
    '<a href="/web/thd/chi-tiet-tin?articleId=1001">bài về ngày hội khu phố 3</a>.</p>'
    '<figure><img src="/documents/10180/anh-thu-gom.png" alt="Điểm thu gom"><figcaption>Người dân mang rác đã '
    "phân loại đến điểm thu gom</figcaption></figure>"
    "<table><tr><th>Loại rác</th><th>Khối lượng tuần đầu</th></tr><tr><td>Giấy</td><td>120 kg</td></tr>"
    "<tr><td>Chai nhựa</td><td>85 kg</td></tr></table>"
    "<p>Tổ công tác sẽ tổng kết sau ba tháng để nhân rộng ra các khu phố khác trong phường.</p>"
)
STORY_B1 = (
    "<p>Chiều qua, phường tổ chức lớp hướng dẫn người cao tuổi cài đặt và dùng ứng dụng định danh điện tử trên "
    "điện thoại, với sự hỗ trợ của đoàn viên thanh niên.</p>"
    "<p>Mỗi học viên được một đoàn viên kèm riêng, từ bước cài ứng dụng đến khi tự đăng nhập và xem được thông tin "
    "cá nhân của mình. Lớp học kéo dài hai giờ và thu hút gần năm mươi người.</p>"
    '<div style="display:none">Xem thêm <a href="http://nhacai-uytin.example.com/">nhà cái uy tín</a></div>'
    '<p style="position:absolute; left:-9999px">Kèo <a href="http://keo-bong.example.net/">soi kèo</a></p>'
    '<p>Chi tiết lịch học xem tại <a href="http://khong-ro.example.org/lich">trang lịch học</a> và '
    '<a href="https://dichvucong.quangninh.gov.vn/">cổng dịch vụ công của tỉnh</a>.</p>'
    '<p><img src="/Upload/Images/2023/lop-hoc.png"></p><p><em>Đoàn viên hướng dẫn người cao tuổi</em></p>'
)
SHARED = (
    "<p>Hội Chữ thập đỏ phường phối hợp với trung tâm y tế tổ chức ngày hiến máu tình nguyện tại nhà văn hoá khu "
    "phố 2, tiếp nhận một trăm mười hai đơn vị máu.</p>"
    "<p>Nhiều gia đình đăng ký cùng hiến máu, trong đó có những người đã tham gia hơn mười lần. Các tình nguyện "
    "viên được khám sức khoẻ miễn phí và nhận giấy chứng nhận của ban chỉ đạo vận động hiến máu.</p>"
)
STORY_C1 = (
    "<p>Đoàn thanh niên phường ra quân chiến dịch làm sạch bãi biển, thu gom gần hai tấn rác thải nhựa dọc bờ vịnh"
    " trong buổi sáng.</p><p>Chiến dịch kéo dài đến hết tháng, mỗi cuối tuần một chi đoàn phụ trách một đoạn bờ "
    "biển, có sổ theo dõi lượng rác thu được để báo cáo với phường. Đoàn cũng vận động đoàn viên tham gia "
    '<a href="/2024/06/20/ngay-hoi-hien-mau/">ngày hiến máu tháng Sáu</a>.</p>'
)

_A = "/web/thd/-/asset_publisher/Ab12Cd/content/ngay-hoi-dai-doan-ket-khu-pho-3"
PAGES = [
    # Liferay: the same article under its asset-publisher address (with portlet noise) and its short form.
    FakePage(
        LIFERAY,
        _A + "?p_p_id=101_INSTANCE_Ab12Cd&p_p_lifecycle=0&p_p_state=normal&articleId=1001",
        "article",
        liferay(
            "Khu phố 3 tổ chức ngày hội đại đoàn kết", "Thứ Ba, 28/03/2023 - 15:20", "Tin tức – Sự kiện", STORY_A1
        ).encode(),
        story="a1",
    ),
    FakePage(
        LIFERAY,
        "/web/thd/chi-tiet-tin?articleId=1001",
        "alias",
        liferay(
            "Khu phố 3 tổ chức ngày hội đại đoàn kết", "Thứ Ba, 28/03/2023 - 15:20", "Tin tức – Sự kiện", STORY_A1
        ).encode(),
        story="a1",
    ),
    # The ambiguous date: 05/04/2025 is 5 April.
    FakePage(
        LIFERAY,
        "/web/thd/chi-tiet-tin?articleId=1002&p_p_mode=view",
        "article",
        liferay(
            "Khai trương điểm thu gom rác tái chế thứ hai", "05/04/2025 - 08:30", "Tin tức – Sự kiện", STORY_A2
        ).encode(),
        story="a2",
    ),
    FakePage(
        LIFERAY,
        "/web/thd/tin-tuc-su-kien",
        "listing",
        listing(
            liferay,
            "Tin tức – Sự kiện",
            [
                (f"/web/thd/chi-tiet-tin?articleId={n}", f"Bài số {n} về hoạt động của phường Trần Hưng Đạo", d)
                for n, d in [(1001, "28/03/2023"), (1002, "05/04/2025"), (1003, "01/02/2022"), (1004, "03/03/2022")]
                + [(1005, "04/04/2022")]
            ],
        ).encode(),
    ),
    FakePage(LIFERAY, "/web/thd/trang-chu", "other", liferay("", "", "Trang chủ", "<p>Chào mừng.</p>").encode()),
    FakePage(
        LIFERAY,
        "/web/thd/lien-he",
        "other",
        liferay("Liên hệ", "", "Liên hệ", "<p>Điện thoại: 0203 3000 111. Thư điện tử: thd@example.gov.vn</p>").encode(),
    ),
    FakePage(
        LIFERAY,
        "/web/thd/tim-kiem?keywords=rac&p_p_id=3",
        "gone",
        liferay("Tìm kiếm", "", "Tìm kiếm", "<p>Không có kết quả.</p>").encode(),
    ),
    FakePage(LIFERAY, "/documents/10180/anh-thu-gom.png", "image", PHOTO, "image/png"),
    # ASP.NET: a defaced article, and a story the WordPress site carried too.
    FakePage(
        ASPNET,
        "/ChiTiet.aspx?ItemID=501&CatID=3",
        "article",
        aspnet(
            "Hướng dẫn người cao tuổi dùng định danh điện tử",
            "Cập nhật lúc 08:15 ngày 7/1/2023",
            "Tin tức - Sự kiện",
            STORY_B1,
        ).encode(),
        story="b1",
    ),
    FakePage(
        ASPNET,
        "/ChiTiet.aspx?ItemID=502&CatID=4",
        "article",
        aspnet("Ngày hội hiến máu tình nguyện năm 2024", "Ngày 20/06/2024 09:00", "Y tế - Xã hội", SHARED).encode(),
        story="shared",
    ),
    FakePage(
        ASPNET,
        "/DanhSach.aspx?CatID=3",
        "listing",
        listing(
            aspnet,
            "Tin tức - Sự kiện",
            [
                (f"ChiTiet.aspx?ItemID={n}", f"Tin số {n} của phường Bạch Đằng trước khi hợp nhất", "07/01/2023")
                for n in range(501, 507)
            ],
        ).encode(),
    ),
    FakePage(ASPNET, "/Default.aspx", "other", aspnet("", "", "Trang chủ", "<p>Trang chủ.</p>").encode()),
    # The same picture as the Liferay article's, under another address: one image in the new site.
    FakePage(ASPNET, "/Upload/Images/2023/lop-hoc.png", "image", PHOTO, "image/png"),
    # WordPress: ?p= redirected to the dated permalink, the shared story (a word differs), a category listing.
    FakePage(WORDPRESS, "/?p=77", "redirect", location="/2024/03/12/ra-quan-lam-sach-bai-bien/"),
    FakePage(
        WORDPRESS,
        "/2024/03/12/ra-quan-lam-sach-bai-bien/",
        "article",
        wordpress(
            "Thanh niên ra quân làm sạch bãi biển", "ngày 12 tháng 3 năm 2024", "Văn hoá – Xã hội", STORY_C1
        ).encode(),
        story="c1",
    ),
    FakePage(
        WORDPRESS,
        "/2024/06/20/ngay-hoi-hien-mau/",
        "article",
        wordpress(
            "Ngày hội hiến máu tình nguyện năm 2024",
            "20/06/2024",
            "Văn hoá – Xã hội",
            SHARED.replace("tiếp nhận", "đã tiếp nhận"),
        ).encode(),
        story="shared",
    ),
    FakePage(
        WORDPRESS,
        "/category/van-hoa-xa-hoi/",
        "listing",
        listing(
            wordpress,
            "Văn hoá – Xã hội",
            [
                (f"/2024/0{n}/01/bai-{n}/", f"Bài viết số {n} của phường Hồng Gai cũ về đời sống", f"01/0{n}/2024")
                for n in range(1, 7)
            ],
        ).encode(),
    ),
    FakePage(
        WORDPRESS, "/lien-he/", "other", wordpress("Liên hệ", "", "Liên hệ", "<p>Gọi 0203 3000 222.</p>").encode()
    ),
    FakePage(WORDPRESS, "/wp-content/uploads/2024/03/bai-bien.png", "image", OTHER_PHOTO, "image/png"),
]

PROFILE = """\
# The search pages of the Liferay portal are dropped on purpose: they answer 410.
[hosts."tranhungdao.example.gov.vn"]
vendor = "liferay"
drop_urls = ["/tim-kiem"]

# The Bạch Đằng portal filed social news under health; the new ward files it with culture and society.
[categories]
"Y tế - Xã hội" = "Văn hoá – Xã hội"

[links]
allowed_domains = ["quangninh.gov.vn"]
"""


def http_block(page):
    if page.kind == "redirect":
        status, headers = "301 Moved Permanently", [("Location", page.location), ("Content-Length", "0")]
    else:
        status, headers = "200 OK", [("Content-Type", page.content_type), ("Content-Length", str(len(page.body)))]
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def write_warc(path, pages=PAGES, gzip=True):
    """A WARC of `pages` (their requests left out: the importer reads responses)."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for page in pages:
            record = writer.create_warc_record(
                page.url, "response", payload=io.BytesIO(page.body), http_headers=http_block(page)
            )
            writer.write_record(record)
    return str(path)
