"""``wirenlp serve`` against a real server process on a free 127.0.0.1 port.

One server for the module (``python -m wirenlp.cli serve``, one worker, small limits, an API
key), stopped by SIGTERM in the last test. Every loop here is bounded in count and time.
"""

from __future__ import annotations

import concurrent.futures as cf
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx", reason="the test extras carry httpx")
pytest.importorskip("fastapi", reason='needs the serve extra: pip install ".[serve]"')
pytest.importorskip("uvicorn", reason='needs the serve extra: pip install ".[serve]"')

import wirenlp  # noqa: E402
from wirenlp.export.jsonl import item_record as _item_record  # noqa: E402
from wirenlp.export.schema import page_schema  # noqa: E402
from wirenlp.reading import Item  # noqa: E402

from .conftest import DATA, read_jsonl  # noqa: E402

KEY = "test-key-123"
MAX_BODY = 1_000_000
MAX_TEXT = 200_000
MAX_LINES = 100
READ_TIMEOUT = 2.0
QUEUE = 4
TEXTS = [item["text"] for item in read_jsonl(DATA / "wire_dev" / "items.jsonl")]
FORMATS = DATA / "formats"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


KB_CSV = (
    "id,name,aliases,kind\n"
    "Q57363,Jens Stoltenberg,Stoltenberg,person\n"
    "Q7184,Noord-Atlantische Verdragsorganisatie,NAVO|NATO,organisation\n"
)


@pytest.fixture(scope="module")
def kb_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kb") / "kb.csv"
    path.write_text(KB_CSV, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory, kb_path):
    """(base URL, process) of a running server with the pipeline loaded; its output goes to a
    file (a pipe nobody reads would fill up and stall it)."""
    port = _free_port()
    cmd = [
        sys.executable, "-m", "wirenlp.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
        "--workers", "1", "--queue", str(QUEUE), "--max-body", str(MAX_BODY),
        "--max-text", str(MAX_TEXT), "--max-lines", str(MAX_LINES),
        "--read-timeout", str(READ_TIMEOUT), "--timeout", "120", "--kb", str(kb_path),
    ]  # fmt: skip
    env = {**os.environ, "WIRENLP_API_KEY": KEY}
    log = tmp_path_factory.mktemp("serve") / "server.log"
    out = log.open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    proc.log = log  # type: ignore[attr-defined]
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    ready = False
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            ready = httpx.get(base + "/readyz", timeout=2).status_code == 200
        except httpx.HTTPError:
            ready = False
        if ready:
            break
        time.sleep(0.3)
    if not ready:
        proc.kill()
        proc.wait(timeout=10)
        pytest.fail(f"the server never became ready:\n{log.read_text()[-2000:]}")
    yield base, proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    out.close()


@pytest.fixture(scope="module")
def client(server):
    base, _proc = server
    with httpx.Client(base_url=base, headers={"X-API-Key": KEY}, timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def enricher(kb_path):
    """The same pipeline and knowledge base as the server's, in this process."""
    return wirenlp.Enricher(kb=wirenlp.KnowledgeBase.from_csv(kb_path))


def item_record(page: wirenlp.Page, source: str, index: int) -> dict:
    """The command line's record of a page read from ``source`` (item ``index``)."""
    return _item_record(Item(source, index, page))


def _ndjson(response) -> list[dict]:
    return [json.loads(line) for line in response.text.splitlines() if line.strip()]


def _is_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://wirenlp.invalid/problems/")
    assert body["title"] and body["detail"]
    assert "Traceback" not in response.text
    return body


# --- probes and documents ------------------------------------------------------------------


def test_probes_docs_and_schema(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["workers"] == 1
    spec = client.get("/openapi.json").json()
    for path in ("/v1/enrich", "/v1/parse", "/v1/enrich/batch", "/v1/schema", "/v1/info"):
        assert path in spec["paths"], path
    assert "multipart/form-data" in spec["paths"]["/v1/enrich"]["post"]["requestBody"]["content"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert client.get("/v1/schema").json() == page_schema()


def test_info_names_the_pipeline(client, enricher):
    from wirenlp.nlp.pipeline import pipeline_info

    info = client.get("/v1/info").json()
    local = pipeline_info(enricher.nlp)
    assert info["pipeline"]["name"] == local.name
    assert info["pipeline"]["labels"] == list(local.labels)
    assert info["wirenlp"] == wirenlp.__version__
    assert info["limits"]["max_body"] == MAX_BODY and info["limits"]["queue"] == QUEUE
    assert len(info["workers"]) == 1 and info["workers"][0]["rss_bytes"] > 0


def test_api_key_needed_except_for_probes(server):
    base, _proc = server
    _is_problem(httpx.post(base + "/v1/enrich", json={"text": "x"}, timeout=30), 401)
    wrong = httpx.get(base + "/metrics", headers={"Authorization": "Bearer nope"}, timeout=30)
    assert _is_problem(wrong, 401) and "Bearer" in wrong.headers["www-authenticate"]
    ok = httpx.get(base + "/v1/info", headers={"Authorization": f"Bearer {KEY}"}, timeout=30)
    assert ok.status_code == 200
    assert httpx.get(base + "/healthz", timeout=30).status_code == 200
    assert httpx.get(base + "/readyz", timeout=30).status_code == 200


# --- one text ------------------------------------------------------------------------------


def test_enrich_equals_the_enricher(client, enricher):
    texts = TEXTS[:5]
    local = [page.to_dict() for page in enricher.pipe(texts)]
    for text, want in zip(texts, local, strict=True):
        r = client.post("/v1/enrich", json={"text": text})
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
        got = r.json()
        assert (got.pop("source"), got.pop("index")) == ("text", 0)
        assert got == want
        assert got["schema_version"] == wirenlp.records.SCHEMA_VERSION


def test_full_records_round_trip(client, enricher):
    text = TEXTS[3]
    page = next(iter(enricher.pipe([text])))
    r = client.post("/v1/enrich", json={"text": text}, params={"full": "true"})
    got = r.json()
    body = {k: v for k, v in got.items() if k not in ("source", "index", "fields")}
    assert body == page.to_dict(full=True)
    assert wirenlp.Page.from_dict(body) == page
    compact = client.post("/v1/enrich", json={"text": text}).json()
    assert len(json.dumps(compact)) < len(json.dumps(got))
    lines = client.post("/v1/parse/batch", content=json.dumps({"text": text}).encode(),
                        params={"full": "true"})  # fmt: skip
    assert {k: v for k, v in _ndjson(lines)[0].items() if k not in ("source", "index")} == (
        wirenlp.parse(text).to_dict(full=True)
    )
    assert client.get("/v1/schema", params={"full": "true"}).json() == page_schema(full=True)


def test_enrich_links_to_the_knowledge_base(client):
    text = "BRUSSEL (ANP) - De NAVO en Jens Stoltenberg roepen Rusland op."
    rec = client.post("/v1/enrich", json={"text": text}).json()
    page = wirenlp.Page.from_dict({k: v for k, v in rec.items() if k not in ("source", "index")})
    links = {
        e.text: e.link.id
        for story in page.stories
        for e in story.entities
        if isinstance(e.link, wirenlp.KBLink)
    }
    assert links.get("NAVO") == "Q7184" and links.get("Jens Stoltenberg") == "Q57363", links


def test_parse_with_reference_time_and_zone(client):
    text = TEXTS[0]
    r = client.post(
        "/v1/parse",
        json={"text": text, "reference_time": "2026-03-05T14:30:00Z", "tz": "Europe/Brussels",
              "id": "a-1", "tags": ["x"]},
    )  # fmt: skip
    assert r.status_code == 200
    from datetime import datetime, timezone

    ref = datetime(2026, 3, 5, 14, 30, tzinfo=timezone.utc)
    want = wirenlp.parse(text, ref, tz="Europe/Brussels").to_dict()
    got = r.json()
    assert got["fields"] == {"id": "a-1", "tags": ["x"]}
    assert {k: v for k, v in got.items() if k not in ("source", "index", "fields")} == want


def test_wire_file_and_upload_through_the_input_path(client, enricher):
    names = ["afp_newsml12.xml", "ninjs2.json", "ats_7901.txt"]
    blobs = {name: (FORMATS / name).read_bytes() for name in names}
    xml = client.post(
        "/v1/parse", content=blobs[names[0]], headers={"content-type": "application/xml"},
        params={"source": names[0]},
    )  # fmt: skip
    assert xml.status_code == 200 and xml.headers["content-type"] == "application/x-ndjson"
    pages = wirenlp.read_bytes(blobs[names[0]], name=names[0])
    assert _ndjson(xml) == [item_record(p, names[0], i) for i, p in enumerate(pages)]
    # ninjs posted as JSON (no "text" member): a wire file, enriched
    js = client.post("/v1/enrich", content=blobs[names[1]],
                     headers={"content-type": "application/json"})  # fmt: skip
    pages = wirenlp.read_bytes(blobs[names[1]], name="body")
    want = [item_record(p, "body", i) for i, p in enumerate(enricher.pipe(pages))]
    assert js.status_code == 200 and _ndjson(js) == want
    # multipart: every file, in order, named by its file name
    files = [("file", (name, blobs[name], "application/octet-stream")) for name in names]
    up = client.post("/v1/parse", files=files)
    got = _ndjson(up)
    want = [
        item_record(p, name, i)
        for name in names
        for i, p in enumerate(wirenlp.read_bytes(blobs[name], name=name))
    ]
    assert up.status_code == 200 and got == want and len(got) >= 3
    # a zip archive: its members, "archive!member"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in names[:2]:
            archive.writestr(name, blobs[name])
    zipped = {"content-type": "application/zip"}
    z = client.post("/v1/parse", content=buf.getvalue(), headers=zipped, params={"source": "a.zip"})
    sources = [rec["source"] for rec in _ndjson(z)]
    assert z.status_code == 200 and sources == ["a.zip!afp_newsml12.xml", "a.zip!ninjs2.json"]


# --- batches -------------------------------------------------------------------------------


def test_batch_one_record_per_line_in_order(client, enricher):
    texts = TEXTS[:12]
    lines = [json.dumps({"text": t, "id": n}).encode() for n, t in enumerate(texts)]
    bad = {
        3: b"this is not json",
        5: json.dumps({"text": 42}).encode(),
        7: b'{"text": "caf\xe9 \xff"}',  # invalid UTF-8
        9: json.dumps({"text": "x" * (MAX_TEXT + 1)}).encode(),
        10: json.dumps({"text": "ok", "reference_time": "2026-01-01T10:00:00"}).encode(),  # naive
    }
    body = [bad.get(n, line) for n, line in enumerate(lines)]
    body.insert(6, b"   ")  # a blank line: skipped, but it keeps its number
    r = client.post("/v1/enrich/batch", content=b"\n".join(body),
                    headers={"content-type": "application/x-ndjson"})  # fmt: skip
    assert r.status_code == 200 and r.headers["content-type"] == "application/x-ndjson"
    got = _ndjson(r)
    assert len(got) == len(body) - 1  # records out = non-blank lines in
    assert [rec["index"] for rec in got] == [n for n in range(len(body)) if n != 6]
    local = [p.to_dict() for p in enricher.pipe(texts)]
    by_text_number = dict(zip(range(len(texts)), got, strict=True))
    for n in range(len(texts)):
        rec = by_text_number[n]
        if n in bad:
            assert rec["error"]["type"] in ("ValidationError", "TextTooLong"), rec["error"]
            assert not rec.get("stories")
        else:
            assert rec["fields"] == {"id": n}
            assert {k: v for k, v in rec.items() if k not in ("source", "index", "fields")} == (
                local[n]
            )
    assert by_text_number[9]["error"]["type"] == "TextTooLong"
    assert by_text_number[3]["source"] == "batch" and "fields" not in by_text_number[3]


def test_batch_streams_through_any_line_splitter(client):
    """httpx's iter_lines splits like str.splitlines (U+2028, U+0085 ...): records stay whole."""
    texts = ["Een\u2028twee", "drie\x85vier", "vijf\u2029zes\r\nzeven", TEXTS[0]]
    body = "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts).encode()
    headers = {"content-type": "application/x-ndjson"}
    with client.stream("POST", "/v1/parse/batch", content=body, headers=headers) as r:
        assert r.status_code == 200
        records = [json.loads(line) for line in r.iter_lines() if line]
    assert [rec["text"] for rec in records] == texts


def test_batch_limits(client):
    many = b"\n".join(json.dumps({"text": "x"}).encode() for _ in range(MAX_LINES + 1))
    _is_problem(client.post("/v1/enrich/batch", content=many,
                            headers={"content-type": "application/x-ndjson"}), 413)  # fmt: skip
    _is_problem(client.post("/v1/enrich/batch", content=b"<a/>",
                            headers={"content-type": "application/xml"}), 415)  # fmt: skip
    empty = client.post("/v1/parse/batch", content=b"\n\n",
                        headers={"content-type": "application/x-ndjson"})  # fmt: skip
    assert empty.status_code == 200 and empty.text == ""


# --- bad input -----------------------------------------------------------------------------


def test_bad_requests_are_problems(client):
    post = client.post
    _is_problem(post("/v1/enrich", content=b"{not json",
                     headers={"content-type": "application/json"}), 400)  # fmt: skip
    _is_problem(post("/v1/enrich", content=b'{"text": "caf\xe9"}',
                     headers={"content-type": "application/json"}), 400)  # fmt: skip
    wrong = _is_problem(post("/v1/enrich", json={"text": 42}), 422)
    assert wrong["errors"][0]["loc"] == ["text"]
    _is_problem(post("/v1/enrich", json={"text": "x", "reference_time": 17}), 422)
    _is_problem(post("/v1/enrich", json={"text": "x", "tz": "Mars/Olympus"}), 422)
    _is_problem(post("/v1/enrich", json={"text": "x", "reference_time": "2026-01-01T10:00"}), 422)
    _is_problem(post("/v1/parse", json={"text": "x" * (MAX_TEXT + 1)}), 413)
    _is_problem(post("/v1/parse", content=b"x", headers={"content-type": "image/png"}), 415)
    _is_problem(post("/v1/parse", content=b"x", params={"format": "nope"}), 422)
    _is_problem(post("/v1/parse", content=b"x", params={"reference_time": "yesterday"}), 422)
    form = b'--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--xx--\r\n'
    multipart = {"content-type": "multipart/form-data; boundary=xx"}
    _is_problem(post("/v1/parse", content=form, headers=multipart), 422)  # no file part
    _is_problem(client.get("/v1/nothing-here"), 404)
    _is_problem(client.get("/v1/enrich"), 405)


def test_binary_body_is_read_not_crashed(client):
    blob = bytes(range(256)) * 64 + b"\x00\xff\xfe" * 100
    r = client.post(
        "/v1/enrich", content=blob, headers={"content-type": "application/octet-stream"}
    )
    assert r.status_code == 200, r.text[:300]
    records = _ndjson(r)
    assert records and all(rec["schema_version"] for rec in records)
    # a lone surrogate is not Unicode: a clear 400, not a crash
    bad = client.post("/v1/parse", content=b'{"text": "A \\ud800 B"}',
                      headers={"content-type": "application/json"})  # fmt: skip
    assert "escape" in _is_problem(bad, 400)["detail"]


def test_huge_body_413(client):
    too_big = b"x" * (MAX_BODY + 1)
    _is_problem(client.post("/v1/parse", content=too_big,
                            headers={"content-type": "text/plain"}), 413)  # fmt: skip

    def chunked():  # no Content-Length: counted while read
        for _ in range(4):
            yield b"y" * (MAX_BODY // 2)

    _is_problem(client.post("/v1/parse", content=chunked(),
                            headers={"content-type": "text/plain"}), 413)  # fmt: skip


def test_slow_client_gets_408_and_others_are_served(server, client):
    base, _proc = server
    port = int(base.rsplit(":", 1)[1])
    head = (
        f"POST /v1/parse HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {KEY}\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=READ_TIMEOUT + 20) as slow:
        slow.sendall(head + b'{"text": "')  # and then nothing
        started = time.monotonic()
        assert client.post("/v1/parse", json={"text": TEXTS[1]}).status_code == 200
        answer = b""
        while b"\r\n\r\n" not in answer and time.monotonic() - started < READ_TIMEOUT + 20:
            chunk = slow.recv(65536)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"application/problem+json" in answer
    assert time.monotonic() - started < READ_TIMEOUT + 15


# --- load ----------------------------------------------------------------------------------


def test_concurrent_clients(server, enricher):
    """8 clients x 4 requests on one worker with a queue of 4: some get 429 and try again (at
    most 50 times, 0.1 s apart); in the end every request has its own right answer."""
    base, _proc = server
    texts = TEXTS[:8]
    local = [p.to_dict() for p in enricher.pipe(texts)]

    def one(i: int) -> tuple[int, int, dict]:
        refused = 0
        with httpx.Client(base_url=base, headers={"X-API-Key": KEY}, timeout=120) as c:
            for _attempt in range(50):
                r = c.post("/v1/enrich", json={"text": texts[i % len(texts)], "n": i})
                if r.status_code != 429:
                    break
                assert int(r.headers["retry-after"]) >= 1
                refused += 1
                time.sleep(0.1)
        assert r.status_code == 200, r.text[:300]
        return i, refused, r.json()

    with cf.ThreadPoolExecutor(8) as pool:
        got = list(pool.map(one, range(32)))
    assert [i for i, _, _ in got] == list(range(32))
    for i, _refused, rec in got:
        assert rec["fields"] == {"n": i}  # each answer is its own request's
        body = {k: v for k, v in rec.items() if k not in ("source", "index", "fields")}
        assert body == local[i % len(texts)]


def test_full_queue_gets_429_with_retry_after(server, client):
    base, _proc = server
    long_text = (" ".join(TEXTS) * 10)[:MAX_TEXT]  # keeps the one worker busy for a while
    busy = threading.Thread(
        target=lambda: client.post("/v1/enrich", json={"text": long_text}), daemon=True
    )
    busy.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # until the worker has taken the long text
        metrics = client.get("/metrics").text
        if "wirenlp_jobs_running 1.0" in metrics:
            break
        time.sleep(0.05)

    def one(_: int) -> httpx.Response:
        return httpx.post(base + "/v1/parse", json={"text": TEXTS[0]},
                          headers={"X-API-Key": KEY}, timeout=120)  # fmt: skip

    with cf.ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(one, range(12)))
    busy.join(timeout=120)
    statuses = [a.status_code for a in answers]
    assert set(statuses) <= {200, 429}, statuses
    assert statuses.count(429) >= 12 - QUEUE - 1, statuses
    problem = _is_problem(next(a for a in answers if a.status_code == 429), 429)
    assert problem["type"].endswith("/queue-full")
    assert all(int(a.headers["retry-after"]) >= 1 for a in answers if a.status_code == 429)


def test_metrics_count_requests(client):
    text = client.get("/metrics").text
    assert 'wirenlp_requests_total{method="POST",route="/v1/enrich",status="200"}' in text
    assert 'wirenlp_rejected_total{reason="queue_full"}' in text
    assert "wirenlp_request_duration_seconds_bucket" in text
    assert "wirenlp_queue_depth" in text and "wirenlp_workers_ready 1.0" in text
    assert "process_resident_memory_bytes" in text
    rss = next(x for x in text.splitlines() if x.startswith("wirenlp_workers_resident_memory"))
    assert float(rss.split()[1]) > 50 * 2**20  # a worker holds the pipeline
    assert 'wirenlp_records_total{outcome="error",route="/v1/enrich/batch"}' in text


def test_records_out_equal_lines_in_for_any_lines(client):
    """Property: whatever the lines (text, JSON of any shape, bytes), /v1/parse/batch answers
    one record per non-blank line, in order, each with its line's number."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
        max_leaves=6,
    )
    line = st.one_of(
        st.builds(lambda t: json.dumps({"text": t}).encode(), st.text(max_size=200)),
        st.builds(lambda v: json.dumps(v).encode(), json_values),
        st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" ")),
        st.text(max_size=60).map(lambda t: t.replace("\n", " ").encode("utf-8", "replace")),
    )

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(line, min_size=1, max_size=12))
    def check(lines: list[bytes]) -> None:
        r = client.post("/v1/parse/batch", content=b"\n".join(lines),
                        headers={"content-type": "application/x-ndjson"})  # fmt: skip
        assert r.status_code == 200, r.text[:300]
        got = _ndjson(r)
        want = [n for n, raw in enumerate(lines) if raw.strip()]
        assert [rec["index"] for rec in got] == want
        for rec in got:
            assert rec.get("error") is None or not rec.get("stories")

    check()


def test_a_model_that_cannot_load_stops_the_server_with_exit_3():
    port = _free_port()
    cmd = [sys.executable, "-m", "wirenlp.cli", "serve", "--port", str(port),
           "--model", "nl_no_such_pipeline"]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 3
    assert "ModelNotFoundError" in done.stderr and "nl_no_such_pipeline" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_dead_worker_is_replaced(client):
    """A worker killed hard (as by a crash in native code): requests fail with 503 at most
    until a new pool has loaded the pipeline, then all is well again."""
    pid = client.get("/v1/info").json()["workers"][0]["pid"]
    os.kill(pid, signal.SIGKILL)
    statuses = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(statuses) < 200:
        r = client.post("/v1/enrich", json={"text": TEXTS[2]})
        statuses.append(r.status_code)
        if r.status_code == 200:
            break
        _is_problem(r, 503)
        time.sleep(0.2)
    assert statuses[-1] == 200, statuses
    info = client.get("/v1/info").json()
    assert info["workers"][0]["pid"] != pid and client.get("/readyz").status_code == 200
    assert "wirenlp_worker_pool_restarts 1.0" in client.get("/metrics").text


# --- the container and the compose file (docker cannot build here: read, and run the check) --


ROOT = Path(__file__).resolve().parents[1]


def _dockerfile() -> list[str]:
    """The Dockerfile's instructions, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_dockerfile_slim_non_root_healthcheck(server):
    lines = _dockerfile()
    froms = [line.split()[1] for line in lines if line.startswith("FROM ")]
    assert froms and all("-slim" in image for image in froms), froms
    final = lines[max(i for i, line in enumerate(lines) if line.startswith("FROM ")) :]
    users = [line.split()[1] for line in final if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0"), "the final stage runs as root"
    entry = next(line for line in final if line.startswith("ENTRYPOINT "))
    assert json.loads(entry.split(" ", 1)[1])[:2] == ["wirenlp", "serve"]  # exec form: PID 1
    assert not any(line.startswith(("ADD ", "RUN curl", "RUN wget")) for line in lines)
    ignore = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ignore[0] == "*" and "!src/" in ignore  # the model ships inside src/wirenlp
    # the HEALTHCHECK command, run as written against the test server's port
    check = next(line for line in final if line.startswith("HEALTHCHECK "))
    command = json.loads(check.split(" CMD ", 1)[1])
    base, _proc = server
    code = command[2].replace("127.0.0.1:8000", base.removeprefix("http://"))
    assert command[:2] == ["python", "-c"]
    assert subprocess.run([sys.executable, "-c", code], timeout=30).returncode == 0
    dead = code.replace(base.removeprefix("http://"), f"127.0.0.1:{_free_port()}")
    assert subprocess.run([sys.executable, "-c", dead], capture_output=True, timeout=30).returncode


def test_compose_and_proxy_files():
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"]["wirenlp"]
    assert service["deploy"]["replicas"] > 1 and service["build"] == ".."
    assert compose["services"]["proxy"]["depends_on"]["wirenlp"]["condition"] == ("service_healthy")
    nginx = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "server wirenlp:8000" in nginx and "proxy_buffering off" in nginx
    from wirenlp.service.config import DEFAULT_MAX_BODY

    proxy_limit = int(nginx.split("client_max_body_size ", 1)[1].split("m;", 1)[0])
    assert proxy_limit * 2**20 > DEFAULT_MAX_BODY  # the service's own 413 (problem+json) answers
    assert nginx.count("{") == nginx.count("}")


# --- shutdown (last: it stops the module's server) -------------------------------------------


def test_sigterm_lets_in_flight_requests_finish_then_exits_0(server):
    base, proc = server
    lines = b"\n".join(json.dumps({"text": t}).encode() for t in TEXTS[:40])
    result: dict[str, object] = {}

    def run_batch() -> None:
        headers = {"X-API-Key": KEY, "content-type": "application/x-ndjson"}
        r = httpx.post(base + "/v1/enrich/batch", content=lines, timeout=120, headers=headers)
        result["status"] = r.status_code
        result["records"] = _ndjson(r)

    thread = threading.Thread(target=run_batch, daemon=True)
    thread.start()
    time.sleep(0.3)  # the batch is in flight
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 0
    thread.join(timeout=60)
    assert result.get("status") == 200
    records = result["records"]
    assert isinstance(records, list) and [r["index"] for r in records] == list(range(40))
    assert all(r.get("error") is None for r in records)
    with pytest.raises(httpx.HTTPError):
        httpx.get(base + "/healthz", timeout=2)
    out = proc.log.read_text()
    assert "Traceback" not in out, out[-2000:]
