from wardinfo.models import PlacePage, PlacesPage


def test_leaders_units_and_places_are_found_with_their_kind(
    ward_site, section, make_unit, make_leader, publish_under, client
):
    unit = make_unit(ward_site, "Uỷ ban Mặt trận Tổ quốc phường", address="Số 1 đường Thử")
    make_leader(ward_site, "Hoàng Văn Giang", "Chủ tịch Uỷ ban MTTQ phường", unit=unit)
    places = PlacesPage.objects.child_of(section).get()
    publish_under(places, PlacePage(title="Đình làng Thử Nghiệm", address="Tổ 5"))
    kinds = {}
    for query in ("mat tran to quoc", "Hoàng Văn Giang", "đình làng thử nghiệm"):
        for result in client.get("/api/search/", {"q": query}).json()["results"]:
            kinds[result["title"]] = result["kind"]
    assert kinds["Uỷ ban Mặt trận Tổ quốc phường"] == "unit"
    assert kinds["Hoàng Văn Giang"] == "leader"
    assert kinds["Đình làng Thử Nghiệm"] == "place"


def test_an_unpublished_leader_leaves_the_search(ward_site, make_leader, client):
    leader = make_leader(ward_site, "Đỗ Thị Hạnh", "Phó Chủ tịch")
    assert client.get("/api/search/", {"q": "Đỗ Thị Hạnh"}).json()["count"] == 1
    leader.unpublish()
    assert client.get("/api/search/", {"q": "Đỗ Thị Hạnh"}).json()["count"] == 0
