"""
Issue 27 findings that only a real server shows, against gunicorn on 127.0.0.1 in the production
configuration (DEBUG off) and the test database:

1. a 200 MB multipart body with a file part, streamed, is refused before it is read;
6. a UTF-16 form body (gunicorn's bare 500 before) and the database going away get the app's
   own pages with the security headers.
"""

import socket
import threading
import time

import pytest

from tests.support.live import LiveClient, collect_static, gunicorn

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

MB = 1024 * 1024
BODY_SIZE = 200 * MB
TIME_LIMIT = 20.0  # seconds for the whole upload attempt
SECURITY_HEADERS = ("content-security-policy", "x-frame-options", "x-content-type-options",
                    "referrer-policy", "cache-control")


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    collect_static(root)
    return root


def read_answer(sock: socket.socket, into: bytearray, done: threading.Event) -> None:
    """Read what the server answers until it closes (at most 1 MB, at most TIME_LIMIT)."""
    deadline = time.monotonic() + TIME_LIMIT
    try:
        while len(into) < MB and time.monotonic() < deadline:
            part = sock.recv(65536)
            if not part:
                break
            into.extend(part)
    except OSError:
        pass
    finally:
        done.set()


def stream_upload(base_url: str, path: str) -> tuple[bytes, int, float]:
    """POST a 200 MB multipart body with a file part, 1 MB at a time, while reading the answer.
    Return the answer, the bytes the connection accepted, and the seconds it took."""
    port = int(base_url.rsplit(":", 1)[1])
    boundary = "bigupload"
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + BODY_SIZE + len(tail)
    request = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {length}\r\n"
               f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n").encode()
    answer, done = bytearray(), threading.Event()
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=TIME_LIMIT) as sock:
        reader = threading.Thread(target=read_answer, args=(sock, answer, done), daemon=True)
        reader.start()
        sent = 0
        chunk = b"\0" * MB
        try:
            sock.sendall(request + head)
            while sent < BODY_SIZE and not done.is_set():
                if time.monotonic() - started > TIME_LIMIT:
                    break
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server closed the connection: what a refusal looks like mid-upload
        done.wait(TIME_LIMIT)
        reader.join(TIME_LIMIT)
    return bytes(answer), sent, time.monotonic() - started


def status_and_headers(answer: bytes) -> tuple[int, dict[str, str]]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:] if ": " in line)
    return int(head[0].split()[1]), {k.lower(): v for k, v in headers.items()}


def test_a_200_mb_file_upload_to_the_login_page_is_refused_before_it_is_read(static_root):
    with gunicorn(static_root) as base_url:
        answer, sent, seconds = stream_upload(base_url, "/accounts/login/")
        assert answer, "no answer from the server"
        status, headers = status_and_headers(answer)
        assert status == 413
        assert all(name in headers for name in SECURITY_HEADERS)
        assert b"too large" in answer
        # Refused on its headers: the server stopped taking the body long before its end.
        assert sent < BODY_SIZE / 4, f"{sent // MB} MB were taken"
        assert seconds < TIME_LIMIT
        # ...and it still serves.
        assert LiveClient(base_url).get("/accounts/login/").status == 200


def test_a_small_multipart_body_with_a_file_part_is_400_on_the_real_server(static_root):
    with gunicorn(static_root) as base_url:
        browser = LiveClient(base_url)
        browser.get("/accounts/login/")
        token = browser.cookies["csrftoken"]
        body = (f'--b\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}'
                '\r\n--b\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\n\r\n'
                "hello\r\n--b--\r\n").encode()
        response = browser.request("POST", "/accounts/login/", body,
                                   {"Content-Type": "multipart/form-data; boundary=b"})
        assert response.status == 400
        assert all(name in response.headers for name in SECURITY_HEADERS)


@pytest.mark.parametrize("charset", ["utf-16", "utf-32"])
def test_a_utf16_form_body_gets_the_apps_400_not_gunicorns_500(static_root, charset):
    with gunicorn(static_root) as base_url:
        browser = LiveClient(base_url)
        browser.get("/accounts/login/")
        body = f"username=a&password=b&csrfmiddlewaretoken={browser.cookies['csrftoken']}"
        response = browser.request(
            "POST", "/accounts/login/", body.encode(charset),
            {"Content-Type": f"application/x-www-form-urlencoded; charset={charset}"})
        assert response.status == 400
        assert "The request could not be handled" in response.text
        assert all(name in response.headers for name in SECURITY_HEADERS)


def test_the_database_down_500_page_carries_the_headers(static_root):
    # Nothing listens on port 9 of the loopback address: every query fails to connect.
    down = "postgres://postgres@127.0.0.1:9/planner"
    with gunicorn(static_root, DATABASE_URL=down) as base_url:
        browser = LiveClient(base_url, cookies={"sessionid": "x" * 32})  # loads a session
        response = browser.get("/")
        assert response.status == 500
        assert "Something went wrong" in response.text
        assert "Traceback" not in response.text and "psycopg" not in response.text
        assert all(name in response.headers for name in SECURITY_HEADERS)
        assert "no-store" in response.headers["cache-control"]
