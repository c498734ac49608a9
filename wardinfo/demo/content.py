"""The demo wards' "Giới thiệu" content, written for the demo. People are invented; boundaries are sketches
drawn for the demo, labelled as such on the page; figures are rounded and marked as illustrative."""

import datetime
import json

NOTICE = "Nội dung mẫu để trình diễn cổng thông tin: tên người, số điện thoại và số liệu là minh hoạ."
SKETCH_NOTE = (
    "Hình minh hoạ do nhóm phát triển tự vẽ cho nội dung mẫu, không phải ranh giới hành chính chính thức."
    " Khi vận hành thật, phường tải lên ranh giới theo bản đồ địa giới được phê duyệt."
)


def _sketch(points):
    ring = [list(point) for point in points]
    ring.append(ring[0])
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def _units(ward_slug, ward):
    phone = "0203 000 {:04d}".format
    mail = f"{{}}@{ward_slug}.demo.example"
    return [
        {
            "key": "party",
            "title": f"Đảng uỷ phường {ward}",
            "functions": "<ul><li>Lãnh đạo toàn diện mọi mặt công tác trên địa bàn phường.</li>"
            "<li>Quyết định chủ trương, nghị quyết về phát triển kinh tế – xã hội, quốc phòng, an ninh.</li></ul>",
            "phone": phone(1),
            "email": mail.format("danguy"),
            "title_en": f"{ward} Ward Party Committee",
            "functions_en": "<p>Leads all fields of work in the ward and decides its main policies.</p>",
        },
        {
            "key": "council",
            "title": f"Hội đồng nhân dân phường {ward}",
            "functions": "<ul><li>Quyết định các vấn đề của địa phương theo luật định.</li>"
            "<li>Giám sát việc tuân theo pháp luật và thực hiện nghị quyết của Hội đồng nhân dân.</li></ul>",
            "phone": phone(2),
            "email": mail.format("hdnd"),
            "title_en": f"{ward} Ward People's Council",
            "functions_en": "<p>Decides local matters as the law provides"
            " and oversees how its resolutions are carried out.</p>",
        },
        {
            "key": "committee",
            "title": f"Uỷ ban nhân dân phường {ward}",
            "functions": "<ul><li>Tổ chức thi hành Hiến pháp, pháp luật và nghị quyết của Hội đồng nhân dân.</li>"
            "<li>Quản lý nhà nước trên các lĩnh vực ở địa phương; giải quyết thủ tục hành chính.</li></ul>",
            "address": f"Trụ sở Uỷ ban nhân dân phường {ward}, tỉnh Quảng Ninh",
            "phone": phone(3),
            "email": mail.format("ubnd"),
            "title_en": f"{ward} Ward People's Committee",
            "functions_en": "<p>Carries out the law and the Council's resolutions, administers the ward and handles "
            "administrative procedures.</p>",
        },
        {
            "key": "office",
            "parent": "committee",
            "title": "Văn phòng Hội đồng nhân dân và Uỷ ban nhân dân",
            "functions": "<ul><li>Tham mưu, tổng hợp; bảo đảm điều kiện hoạt động của HĐND và UBND phường.</li></ul>",
            "phone": phone(4),
            "email": mail.format("vanphong"),
            "title_en": "Office of the People's Council and People's Committee",
            "functions_en": "<p>Advises and supports the work of the Council and the Committee.</p>",
        },
        {
            "key": "economy",
            "parent": "committee",
            "title": "Phòng Kinh tế, Hạ tầng và Đô thị",
            "functions": "<ul><li>Tham mưu về kinh tế, xây dựng, giao thông, đô thị,"
            " tài nguyên và môi trường.</li></ul>",
            "phone": phone(5),
            "title_en": "Division of Economy, Infrastructure and Urban Affairs",
        },
        {
            "key": "society",
            "parent": "committee",
            "title": "Phòng Văn hoá – Xã hội",
            "functions": "<ul><li>Tham mưu về văn hoá, giáo dục, y tế, lao động, chính sách xã hội.</li></ul>",
            "phone": phone(6),
        },
        {
            "key": "service",
            "parent": "committee",
            "title": "Trung tâm Phục vụ hành chính công",
            "functions": "<ul><li>Tiếp nhận hồ sơ, trả kết quả giải quyết thủ tục hành chính"
            " cho người dân, doanh nghiệp.</li></ul>",
            "phone": phone(7),
            "email": mail.format("motcua"),
            "title_en": "Public Administrative Service Centre",
            "functions_en": "<p>Receives applications and returns the results of administrative procedures.</p>",
        },
        {
            "key": "front",
            "title": f"Uỷ ban Mặt trận Tổ quốc Việt Nam phường {ward}",
            "functions": "<ul><li>Tập hợp, đoàn kết các tầng lớp nhân dân; giám sát và phản biện xã hội.</li></ul>",
            "phone": phone(8),
            "title_en": f"{ward} Ward Committee of the Vietnam Fatherland Front",
        },
    ]


def _leaders(given):
    first, second, third, former = given
    return [
        {
            "title": first,
            "position": "Bí thư Đảng uỷ phường",
            "unit": "party",
            "term_start": datetime.date(2025, 7, 1),
            "duties": "<ul><li>Lãnh đạo chung công tác của Đảng uỷ phường.</li></ul>",
            "biography": "Nhân vật hư cấu của nội dung mẫu.",
            "phone": "0203 000 0101",
            "position_en": "Secretary of the Ward Party Committee",
        },
        {
            "title": second,
            "position": "Chủ tịch Uỷ ban nhân dân phường",
            "unit": "committee",
            "term_start": datetime.date(2025, 7, 1),
            "duties": "<ul><li>Lãnh đạo, điều hành chung hoạt động của Uỷ ban nhân dân phường.</li>"
            "<li>Phụ trách công tác nội chính, cải cách hành chính.</li></ul>",
            "biography": "Nhân vật hư cấu của nội dung mẫu.",
            "phone": "0203 000 0102",
            "position_en": "Chairperson of the Ward People's Committee",
            "duties_en": "<p>Leads the Committee's work; in charge of internal affairs and administrative reform.</p>",
        },
        {
            "title": third,
            "position": "Phó Chủ tịch Uỷ ban nhân dân phường",
            "unit": "committee",
            "term_start": datetime.date(2025, 7, 1),
            "duties": "<ul><li>Phụ trách lĩnh vực kinh tế, hạ tầng, đô thị.</li></ul>",
            "biography": "Nhân vật hư cấu của nội dung mẫu.",
            "phone": "0203 000 0103",
            "position_en": "Vice-Chairperson of the Ward People's Committee",
        },
        {
            "title": former,
            "position": "Phó Chủ tịch Uỷ ban nhân dân phường",
            "unit": "committee",
            "term_start": datetime.date(2021, 7, 1),
            "term_end": datetime.date(2025, 6, 30),
            "biography": "Nhân vật hư cấu của nội dung mẫu; thôi giữ chức vụ khi sắp xếp đơn vị hành chính năm 2025.",
        },
    ]


WARDS = {
    "localhost": {
        "summary": NOTICE + "\nPhường Hồng Gai nằm ở trung tâm tỉnh Quảng Ninh, bên bờ vịnh Hạ Long.",
        "summary_en": "Sample content for demonstrating the portal. Hồng Gai ward lies in the centre of "
        "Quảng Ninh province, on the shore of Hạ Long Bay.",
        "area_km2": "9.5",
        "population": 60000,
        "population_year": 2025,
        "residential_groups": 80,
        "natural_conditions": "<p>Địa hình đồi núi thấp xen kẽ dải đất ven vịnh; khí hậu nhiệt đới gió mùa, "
        "mùa hè nóng ẩm, mùa đông lạnh và khô.</p>",
        "boundary": _sketch(
            [
                (107.060, 20.952),
                (107.072, 20.962),
                (107.088, 20.966),
                (107.104, 20.962),
                (107.112, 20.955),
                (107.106, 20.946),
                (107.090, 20.944),
                (107.074, 20.945),
            ]
        ),
        "former_wards": [
            {
                "name": "Phường Trần Hưng Đạo",
                "merged_on": datetime.date(2025, 7, 1),
                "resolution": "Nghị quyết số 1679/NQ-UBTVQH15 ngày 16/6/2025 của Uỷ ban Thường vụ Quốc hội",
                "note": "Dữ liệu mẫu, cần đối chiếu văn bản gốc.",
            },
            {
                "name": "Phường Bạch Đằng",
                "merged_on": datetime.date(2025, 7, 1),
                "resolution": "Nghị quyết số 1679/NQ-UBTVQH15 ngày 16/6/2025 của Uỷ ban Thường vụ Quốc hội",
                "note": "Dữ liệu mẫu, cần đối chiếu văn bản gốc.",
            },
        ],
        "history": "<p>Vùng đất Hồng Gai gắn với nghề khai thác than từ cuối thế kỷ XIX và với phong trào công nhân "
        "mỏ. Người dân nơi đây giữ nếp sống của một đô thị mỏ ven biển: lễ hội truyền thống, các câu lạc bộ "
        "văn nghệ và thể thao của tổ dân phố.</p><p>Nội dung mẫu, viết để trình diễn cổng thông tin.</p>",
        "places": [
            {
                "title": "Núi Bài Thơ",
                "kind": "scenic",
                "address": "Trung tâm phường Hồng Gai",
                "latitude": "20.9530",
                "longitude": "107.0830",
                "description": "<p>Ngọn núi đá vôi bên bờ vịnh, từ đỉnh nhìn ra vịnh Hạ Long."
                " Toạ độ trong nội dung mẫu là "
                "gần đúng.</p>",
            },
            {
                "title": "Chùa Long Tiên",
                "kind": "relic",
                "address": "Phường Hồng Gai",
                "latitude": "20.9520",
                "longitude": "107.0900",
                "description": "<p>Ngôi chùa ở khu trung tâm, nơi diễn ra lễ hội đầu xuân. Toạ độ mẫu là gần đúng.</p>",
            },
        ],
        "units": _units("honggai", "Hồng Gai"),
        "leaders": _leaders(("Nguyễn Văn Mẫu", "Trần Thị Minh Hoạ", "Lê Văn Thử", "Phạm Văn Trước")),
        "contacts_intro": "Người dân liên hệ trong giờ hành chính, từ thứ Hai đến thứ Sáu. " + NOTICE,
        "contacts_intro_en": "Office hours: Monday to Friday. Sample content: names and numbers are illustrative.",
    },
    "baichay.localhost": {
        "summary": NOTICE + "\nPhường Bãi Cháy nằm bên bờ tây vịnh Cửa Lục, nổi tiếng với bãi tắm và khu du lịch.",
        "natural_conditions": "<p>Dải đồi thấp chạy sát bờ vịnh, bờ biển có bãi cát; khí hậu nhiệt đới gió mùa.</p>",
        "boundary": _sketch(
            [
                (107.000, 20.955),
                (107.015, 20.968),
                (107.035, 20.972),
                (107.055, 20.965),
                (107.058, 20.952),
                (107.040, 20.942),
                (107.018, 20.943),
            ]
        ),
        "former_wards": [],
        "history": "<p>Bãi Cháy phát triển từ một làng chài ven vịnh thành khu du lịch biển. Nội dung mẫu, viết để "
        "trình diễn cổng thông tin.</p>",
        "places": [
            {
                "title": "Bãi tắm Bãi Cháy",
                "kind": "scenic",
                "address": "Đường ven biển, phường Bãi Cháy",
                "latitude": "20.9560",
                "longitude": "107.0400",
                "description": "<p>Bãi tắm ven vịnh, nơi tổ chức nhiều hoạt động du lịch mùa hè. Toạ độ gần đúng.</p>",
            }
        ],
        "units": _units("baichay", "Bãi Cháy"),
        "leaders": _leaders(("Vũ Văn Mẫu", "Đặng Thị Minh Hoạ", "Bùi Văn Thử", "Ngô Văn Trước")),
        "contacts_intro": NOTICE,
    },
}
