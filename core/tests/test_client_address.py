from django.test import RequestFactory

from core.client_address import client_ip


def request_from(peer, forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **extra)


def test_the_forwarded_address_is_believed_only_from_a_trusted_proxy(settings):
    settings.PORTAL_TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    # nginx appends the address it saw to whatever the client sent: the right-most untrusted one counts.
    assert client_ip(request_from("127.0.0.1", "198.51.100.7, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(request_from("::1", "203.0.113.9")) == "203.0.113.9"
    # From anyone else the header is the client's own claim.
    assert client_ip(request_from("203.0.113.9", "198.51.100.7")) == "203.0.113.9"
    # What is not an address never becomes one (axes stores it in an address column).
    assert client_ip(request_from("127.0.0.1", "<script>")) == "127.0.0.1"


def test_without_trusted_proxies_the_peer_is_the_client(settings):
    settings.PORTAL_TRUSTED_PROXIES = []
    assert client_ip(request_from("127.0.0.1", "203.0.113.9")) == "127.0.0.1"
