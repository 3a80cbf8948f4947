"""wirenlp.Archive on real DuckDB files: stories stored once with their appearances, versions,
archive entities and their guards, resume after a killed add, a reader during an add, the
parquet export read back, the query methods and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")

import wirenlp  # noqa: E402
from wirenlp.archive import Archive, content_key  # noqa: E402
from wirenlp.archive.rows import load_chains  # noqa: E402
from wirenlp.archive.versions import Chains  # noqa: E402

TEASER = (
    "PARIJS (ANP/AFP) - De Franse president Emmanuel Macron heeft in Parijs de Duitse "
    "bondskanselier Friedrich Merz ontvangen. Macron en Merz spraken over defensie.\n"
)
PAGE_A = (
    "NAVO waarschuwt Rusland\n"
    "BRUSSEL (ANP) - Secretaris-generaal Jens Stoltenberg van de NAVO waarschuwt Rusland. "
    "Stoltenberg sprak in Brussel met ministers. Minister Jan de Vries was erbij.\n"
    "Meer uit Buitenland\n" + TEASER
)
PAGE_B = (
    "Stoltenberg terug in Oslo\n"
    "OSLO (ANP) - Stoltenberg keert terug naar de Noorse politiek, meldt de krant. "
    "Wethouder Piet de Vries uit Utrecht feliciteerde hem.\n"
    "Meer uit Buitenland\n" + TEASER
)
T0 = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def enricher() -> wirenlp.Enricher:
    return wirenlp.Enricher()


def count(archive: Archive, table: str) -> int:
    return int(archive.sql(f"select count(*) from {table}").iloc[0, 0])


def counts(archive: Archive) -> dict[str, int]:
    return {t: count(archive, t) for t in wirenlp.archive.TABLES}


def test_story_stored_once_with_an_appearance_per_page(tmp_path, enricher):
    with Archive(tmp_path / "a.duckdb", enricher=enricher) as archive:
        first = archive.add([PAGE_A, PAGE_B], reference_time=T0)
        assert (first.pages, first.stories, first.appearances) == (2, 3, 4)
        teaser = content_key(TEASER)
        rows = archive.sql(
            "select a.page, a.position, a.role, a.section from appearances a "
            "where a.story = ? order by a.page",
            [teaser],
        )
        assert len(rows) == 2
        assert set(rows["role"]) == {"teaser"} and set(rows["section"]) == {"Meer uit Buitenland"}
        assert set(rows["page"]) == {content_key(PAGE_A), content_key(PAGE_B)}
        times = archive.sql("select * from stories where story = ?", [teaser])
        assert int(times["pages"].iloc[0]) == 2 and int(times["appearances"].iloc[0]) == 2
        assert times["first_seen"].iloc[0] == T0
        # the teaser's mentions are stored once, not once per page
        assert count(archive, "mentions") == int(
            archive.sql("select sum(n) from (select count(*) n from mentions group by story)").iloc[
                0, 0
            ]
        )
        assert archive.sql("select count(*) from mentions where story = ?", [teaser]).iloc[0, 0] > 0
        before = counts(archive)
        again = archive.add([PAGE_A, PAGE_B, "  " + PAGE_A.replace("\n", " \n")])
        assert (again.pages, again.skipped) == (0, 3)
        assert counts(archive) == before


def test_one_bad_record_is_stored_as_an_error_page(tmp_path):
    with Archive(tmp_path / "a.duckdb", enrich=False) as archive:
        result = archive.add([PAGE_A, 42, PAGE_B])
        assert (result.pages, result.errors) == (3, 1)
        errors = archive.sql("select error_type, error from pages where error is not null")
        assert list(errors["error_type"]) == ["TypeError"]
        assert "int" in errors["error"].iloc[0]


def test_corrected_story_is_a_new_version(tmp_path):
    first = (
        "Brand in Utrecht\nUTRECHT (ANP) - Bij een brand in een woning in Utrecht is een man "
        "gewond geraakt. De brandweer was snel ter plaatse.\n"
    )
    fixed = first.replace("een man", "een vrouw")
    other = first.replace("Brand in Utrecht", "Storm in Utrecht")
    with Archive(tmp_path / "a.duckdb", enrich=False) as archive:
        archive.add([first, fixed, other])
        rows = archive.sql("select story, headline, version_of, version from stories").set_index(
            "story"
        )
        a, b, c = content_key(first), content_key(fixed), content_key(other)
        assert rows.loc[a, "version"] == 1 and rows.loc[a, "version_of"] == a
        assert rows.loc[b, "version"] == 2 and rows.loc[b, "version_of"] == a
        assert rows.loc[c, "version"] == 1 and rows.loc[c, "version_of"] == c


def test_versions_chain_across_batches_from_the_latest_version_only(tmp_path):
    head = "Brand in Utrecht\nUTRECHT (ANP) - "
    first = head + "Bij een brand in een woning is een man gewond geraakt. De brandweer kwam.\n"
    fixed = first.replace("een man", "een vrouw")
    fixed2 = fixed.replace("kwam", "was snel ter plaatse")
    other = head + "De gemeente opent morgen een nieuw zwembad aan de rand van de stad.\n"
    other2 = other.replace("morgen", "volgende week")
    texts = [first, fixed, other, fixed2, other2]
    with Archive(tmp_path / "a.duckdb", enrich=False, batch_size=1) as archive:
        assert archive.add(texts).batches == 5  # each story is checked against stored chains
        rows = archive.sql("select story, block, version_of, version from stories")
        got = {r.story: (r.version_of, r.version) for r in rows.itertuples()}
        a, c = content_key(first), content_key(other)
        assert [got[content_key(t)] for t in texts] == [(a, 1), (a, 2), (c, 1), (a, 3), (c, 2)]
        (block,) = set(rows["block"])
        with archive.connection() as cur:
            chains = load_chains(cur, [block]).blocks[block]
    # one chain per first version, holding its latest version's text, in the order started
    assert [(ch.first, ch.version, ch.text) for ch in chains] == [
        (a, 3, fixed2.strip()),
        (c, 2, other2.strip()),
    ]


def test_versions_are_compared_within_a_block_only():
    chains = Chains()
    assert chains.link("b1", "s1", "de man is gewond in Utrecht") == ("s1", 1)
    assert chains.link("b1", "s2", "de vrouw is gewond in Utrecht") == ("s1", 2)
    assert chains.link("b1", "s3", "totaal iets anders over het weer morgen") == ("s3", 1)
    assert chains.link("b2", "s4", "de vrouw is gewond in Utrecht") == ("s4", 1)
    assert chains.link(None, "s5", "de vrouw is gewond in Utrecht") == ("s5", 1)


def test_entities_merge_name_variants_and_keep_namesakes_apart(tmp_path, enricher):
    with Archive(tmp_path / "a.duckdb", enricher=enricher) as archive:
        archive.add([PAGE_A, PAGE_B], reference_time=T0)
        ent = archive.entity("Stoltenberg")
        assert ent is not None and ent.kind == "person"
        assert ent.name == "Jens Stoltenberg" and set(ent.names) == {
            "Jens Stoltenberg",
            "Stoltenberg",
        }
        assert ent.pages == 2 and ent.mentions == 4  # A: 2, B: headline and body
        assert ent.first_seen == T0 and ent.last_seen == T0
        assert archive.entity(ent.id) == ent
        jan, piet = archive.entity("Jan de Vries"), archive.entity("Piet de Vries")
        assert jan is not None and piet is not None and jan.id != piet.id
        macron = archive.entity("Macron")
        assert macron is not None and macron.pages == 2 and macron.mentions == 2
        assert archive.entity("Niemand Bestaatniet") is None


def test_bare_surname_joins_only_the_one_full_name_in_the_period(tmp_path, enricher):
    jens = "BRUSSEL (ANP) - Jens Stoltenberg sprak in Brussel met ministers.\n"
    camilla = "OSLO (ANP) - Camilla Stoltenberg leidt het instituut in Oslo.\n"
    bare = "DEN HAAG (ANP) - Stoltenberg sprak in Den Haag over defensie.\n"
    later = "BERLIJN (ANP) - Stoltenberg sprak in Berlijn over de NAVO.\n"
    with Archive(tmp_path / "a.duckdb", enricher=enricher, period=timedelta(days=30)) as archive:
        archive.add([jens], reference_time=T0)
        archive.add([later], reference_time=T0 + timedelta(days=400))  # outside the period
        archive.add([bare], reference_time=T0 + timedelta(days=10))  # inside: the only one
        people = archive.sql(
            "select e.entity, e.name, list(distinct m.story) stories from entities e "
            "join mentions m using (entity) where e.kind = 'person' group by all"
        )
        by_name = {r.name: len(r.stories) for r in people.itertuples()}
        assert by_name == {"Jens Stoltenberg": 2, "Stoltenberg": 1}, by_name
    with Archive(tmp_path / "b.duckdb", enricher=enricher) as archive:
        archive.add([jens, camilla], reference_time=T0)
        archive.add([bare], reference_time=T0)  # two Stoltenbergs: joins neither
        people = archive.sql("select name from entities where kind = 'person' order by name")
        assert list(people["name"]) == ["Camilla Stoltenberg", "Jens Stoltenberg", "Stoltenberg"]


def test_first_full_name_names_a_surname_seen_alone(tmp_path, enricher):
    bare = "DEN HAAG (ANP) - Stoltenberg sprak in Den Haag over defensie.\n"
    jens = "BRUSSEL (ANP) - Jens Stoltenberg sprak in Brussel met ministers.\n"
    with Archive(tmp_path / "a.duckdb", enricher=enricher) as archive:
        archive.add([bare], reference_time=T0)
        archive.add([jens], reference_time=T0)
        ent = archive.entity("Jens Stoltenberg")
        assert ent is not None and ent.name == "Jens Stoltenberg" and ent.pages == 2


RESUME = """
import sys, wirenlp
texts = open(sys.argv[2], encoding="utf-8").read().split("\\x1e")
def progress(total):
    print(total.batches, flush=True)
with wirenlp.Archive(sys.argv[1], batch_size=10) as archive:
    archive.add(texts, progress=progress)
"""


def test_killed_add_run_again_equals_a_clean_add(tmp_path, enricher):
    texts = [
        PAGE_A.replace("Jens", f"Jens{i}").replace("Rusland", f"Rusland {i % 7}")
        + f"Extra zin {i} over Utrecht.\n"
        for i in range(300)
    ]
    src = tmp_path / "texts.txt"
    src.write_text("\x1e".join(texts), encoding="utf-8")
    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-c", RESUME, str(killed), str(src)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "1"  # one batch committed
    proc.stdout.readline()  # a second one: the add is well under way
    proc.kill()
    proc.wait()
    with Archive(killed, enricher=enricher) as archive:
        done = count(archive, "pages")
        assert 0 < done < len(texts)  # killed half-way
        result = archive.add(texts)
        assert result.skipped == done and result.pages == len(texts) - done
        resumed = counts(archive)
        resumed_entities = archive.sql("select * from entities order by entity")
        resumed_versions = archive.sql(
            "select story, version_of, version from stories order by story"
        )
    with Archive(tmp_path / "clean.duckdb", enricher=enricher, batch_size=10) as archive:
        archive.add(texts)
        assert counts(archive) == resumed
        pd.testing.assert_frame_equal(
            archive.sql("select * from entities order by entity"), resumed_entities
        )
        pd.testing.assert_frame_equal(
            archive.sql("select story, version_of, version from stories order by story"),
            resumed_versions,
        )


def test_a_reader_thread_queries_while_an_add_runs(tmp_path):
    texts = [PAGE_A + f"Zin {i}.\n" for i in range(60)]
    seen: list[int] = []
    errors: list[BaseException] = []
    with Archive(tmp_path / "a.duckdb", enrich=False, batch_size=10) as archive:
        batch_done, read_done = threading.Event(), threading.Event()

        def progress(_total):
            batch_done.set()  # the add is mid-way: wait for the reader before the next batch
            read_done.wait(5)
            read_done.clear()

        def reader():
            try:
                while not finished.is_set():
                    if batch_done.wait(0.05):
                        batch_done.clear()
                        seen.append(count(archive, "pages"))
                        read_done.set()
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)
                read_done.set()

        finished = threading.Event()
        thread = threading.Thread(target=reader)
        thread.start()
        archive.add(texts, progress=progress)
        finished.set()
        thread.join()
        assert not errors
        assert seen == [10, 20, 30, 40, 50, 60]


SHARED_WRITER = """
import sys, time, wirenlp
texts = [f"Kop {i}\\nBRUSSEL (ANP) - Tekst {i} over de NAVO.\\n" for i in range(200)]
def progress(total):
    print(total.pages, flush=True)
    time.sleep(0.05)  # as enrichment would: the file is free between batches
with wirenlp.Archive(sys.argv[1], enrich=False, batch_size=10, shared=True) as archive:
    archive.add(texts, progress=progress)
"""


def test_other_processes_read_a_shared_archive_while_an_add_runs(tmp_path):
    path = tmp_path / "a.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-c", SHARED_WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "10"  # the first batch is committed
    seen = []
    while proc.poll() is None and len(seen) < 50:
        with Archive(path, read_only=True, shared=True, wait=30) as reader:
            seen.append(count(reader, "pages"))
    proc.wait()
    assert proc.returncode == 0
    assert seen and seen == sorted(seen) and all(n % 10 == 0 for n in seen)  # whole batches
    assert any(0 < n < 200 for n in seen)  # read while the add ran
    with Archive(path, read_only=True) as reader:
        assert count(reader, "pages") == 200


TWO_WRITERS = """
import sys, wirenlp
names = ["Jan de Vries", "Piet Jansen", "Anna Bakker", "Jens Stoltenberg", "Mark Visser"]
texts = [
    f"Kop {i}\\nBRUSSEL (ANP) - Minister {names[i % 5]} sprak in Brussel. "
    f"{names[i % 5].split()[-1]} zei dat het zaak {i} was.\\n"
    for i in range(40)
]
with wirenlp.Archive(sys.argv[1], batch_size=4, shared=True) as archive:
    archive.add(texts[int(sys.argv[2]):] + texts[:int(sys.argv[2])])
"""


def test_two_shared_writers_write_each_page_once(tmp_path, enricher):
    path = tmp_path / "a.duckdb"
    procs = [
        subprocess.Popen([sys.executable, "-c", TWO_WRITERS, str(path), start])
        for start in ("0", "20")
    ]
    assert [p.wait() for p in procs] == [0, 0]
    clean = tmp_path / "clean.duckdb"
    subprocess.run([sys.executable, "-c", TWO_WRITERS, str(clean), "0"], check=True)
    with Archive(path, read_only=True) as both, Archive(clean, read_only=True) as one:
        assert counts(both) == counts(one)
        assert count(both, "pages") == 40
        ids = both.sql("select count(*) n, count(distinct entity) d from entities")
        assert ids["n"].iloc[0] == ids["d"].iloc[0]


def test_a_second_process_reads_the_file_read_only(tmp_path):
    path = tmp_path / "a.duckdb"
    with Archive(path, enrich=False) as archive:
        archive.add([PAGE_A, PAGE_B])
    code = (
        "import sys, wirenlp\n"
        "with wirenlp.Archive(sys.argv[1], read_only=True) as a:\n"
        "    print(int(a.sql('select count(*) from stories').iloc[0, 0]))\n"
        "    a.add(['x'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert out.stdout.strip() == "3"
    assert "PermissionError" in out.stderr


def test_a_writing_archive_bounds_duckdb_memory_by_default(tmp_path):
    def limit(archive: Archive) -> int:
        query = "select current_setting('memory_limit') as m"
        text = archive.sql(query)["m"].iloc[0]  # e.g. "122.0 MiB"
        number, unit = text.split()
        return int(float(number) * {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30}[unit])

    with Archive(tmp_path / "a.duckdb", enrich=False) as archive:
        archive.add([PAGE_A])
        assert limit(archive) <= 128 * 10**6  # the documented "128MB"
    with Archive(tmp_path / "a.duckdb", enrich=False, memory_limit="512MB") as archive:
        assert 400 * 2**20 < limit(archive) <= 512 * 10**6
    with Archive(tmp_path / "a.duckdb", read_only=True) as archive:  # DuckDB's own default
        assert limit(archive) > 128 * 10**6


def test_export_is_partitioned_by_month_and_reads_back(tmp_path):
    import duckdb

    march, april = T0, T0 + timedelta(days=31)
    with Archive(tmp_path / "a.duckdb", enrich=False) as archive:
        archive.add([PAGE_A], reference_time=march)
        archive.add([PAGE_B], reference_time=april)
        threads = archive.sql("select current_setting('threads') as n")["n"].iloc[0]
        paths = archive.export(tmp_path / "out")
        after = archive.sql("select current_setting('threads') as n")["n"].iloc[0]
        assert after == threads  # the export's one thread is given back
        assert [p.name for p in paths] == [
            "pages",
            "stories",
            "appearances",
            "mentions",
            "entities",
            "entity_names",
        ]
    out = tmp_path / "out"
    assert sorted(p.name for p in (out / "stories").iterdir()) == ["month=2026-03", "month=2026-04"]
    stories = pd.read_parquet(out / "stories")
    assert len(stories) == 3 and set(stories["month"].astype(str)) == {"2026-03", "2026-04"}
    teaser = stories.set_index("story").loc[content_key(TEASER)]
    assert teaser["appearances"] == 2 and str(teaser["month"]) == "2026-03"
    con = duckdb.connect()
    n = con.execute(
        f"select count(*) from read_parquet('{out}/appearances/*/*.parquet', "
        "hive_partitioning = true)"
    ).fetchone()
    assert n == (4,)
    dd = pytest.importorskip("dask.dataframe")
    assert len(dd.read_parquet(str(out / "pages")).compute()) == 2


def test_queries(tmp_path, enricher):
    with Archive(tmp_path / "a.duckdb", enricher=enricher) as archive:
        archive.add([PAGE_A], reference_time=T0)
        archive.add([PAGE_B], reference_time=T0 + timedelta(days=8))
        weekly = archive.mentions_over_time("Stoltenberg", "week")
        assert list(weekly["mentions"]) == [2, 2] and list(weekly["stories"]) == [1, 1]
        daily = archive.mentions_over_time("Stoltenberg", freq="day")
        assert [d.day for d in daily["period"]] == [2, 10]
        co = archive.co_mentions("Macron", kind="person")
        assert list(co["name"]) == ["Friedrich Merz"] and co["stories"].iloc[0] == 1
        filing = archive.filing_places("month")
        assert set(filing["country_code"]) >= {"BE", "NO", "FR"} and filing["stories"].sum() == 3
        event = archive.event_places()
        assert event["stories"].sum() >= 2
        agencies = archive.agencies("month").set_index("agency")["stories"]
        assert agencies["ANP"] == 3 and agencies["AFP"] == 1
        top = archive.top_entities(kind="person", limit=1)
        assert set(top["section"]) == {"", "Meer uit Buitenland"}
        assert top.groupby("section").size().max() == 1
        assert top.set_index("section").loc["Meer uit Buitenland", "name"] in {
            "Emmanuel Macron",
            "Friedrich Merz",
        }
        with pytest.raises(KeyError):
            archive.mentions_over_time("Niemand Bestaatniet")
        with pytest.raises(ValueError, match="freq"):
            archive.agencies("fortnight")


def test_cli_add_query_export(tmp_path):
    from typer.testing import CliRunner

    from wirenlp.cli import app

    (tmp_path / "a.txt").write_text(PAGE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE_B, encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    runner = CliRunner()
    added = runner.invoke(app, ["archive", "add", db, str(tmp_path / "*.txt"), "--no-enrich"])
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["stories"] == 3
    again = runner.invoke(app, ["archive", "add", db, str(tmp_path), "--no-enrich"])
    assert json.loads(again.stdout)["skipped"] == 2
    sources = runner.invoke(app, ["archive", "query", db, "select source from pages order by 1"])
    assert [json.loads(x)["source"] for x in sources.stdout.splitlines()] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
    ]
    agencies = runner.invoke(app, ["archive", "query", db, "agencies", "--to", "csv"])
    assert agencies.exit_code == 0 and "ANP,3" in agencies.stdout
    bad = runner.invoke(app, ["archive", "query", db, "selec nothing"])
    assert bad.exit_code == 2
    exported = runner.invoke(app, ["archive", "export", db, str(tmp_path / "out")])
    assert exported.exit_code == 0 and len(pd.read_parquet(tmp_path / "out" / "stories")) == 3
    missing = runner.invoke(
        app, ["archive", "add", db, str(tmp_path / "nothing*.xml"), "--no-enrich"]
    )
    assert missing.exit_code == 1, missing.output  # an error page is stored, as everywhere
    assert json.loads(missing.stdout)["errors"] == 1
    assert "1 of the new pages is an error record" in missing.stderr
    stdin = runner.invoke(app, ["archive", "add", db, "-", "--dask", "local:1"])
    assert stdin.exit_code == 2 and "--dask" in stdin.output


def test_import_wirenlp_stays_light():
    code = "import sys, wirenlp; print('duckdb' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    code = "import wirenlp; print(wirenlp.Archive.__module__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "wirenlp.archive.store"


def test_frames_of_the_archive_draw_an_offline_map(tmp_path, enricher):
    from wirenlp.export import maps

    with Archive(tmp_path / "a.duckdb", enricher=enricher) as archive:
        archive.add([PAGE_A], reference_time=T0)
        archive.add([PAGE_B], reference_time=T0 + timedelta(days=40))
        frames = archive.frames()
        assert len(frames.pages) == len(frames.stories) == 3  # the teaser once
        dateline = frames.places[frames.places["origin"] == "dateline"]
        assert set(dateline["name"]) == {"Brussels", "Oslo", "Paris"}
        person = frames.clusters[frames.clusters["kind"] == "person"]
        stoltenberg = archive.entity("Stoltenberg")
        assert stoltenberg is not None
        assert person[person["cluster"] == str(stoltenberg.id)]["mentions"].sum() == 4
        assert len(archive.frames(since=T0 + timedelta(days=1)).stories) == 1
        html = maps.place_map(frames, tiles=None).get_root().render()
        assert "Brussels" in html and "tile.openstreetmap" not in html


def test_add_on_dask_workers_equals_a_local_add(tmp_path, enricher):
    distributed = pytest.importorskip("distributed")
    for name, text in (("a.txt", PAGE_A), ("b.txt", PAGE_B), ("c.txt", PAGE_A)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    with Archive(tmp_path / "local.duckdb", enricher=enricher) as archive:
        archive.add_files(files)
        local = counts(archive)
        names = archive.sql("select name from entity_names order by all")
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
        Archive(tmp_path / "dask.duckdb") as archive,
    ):
        result = archive.add_dask(files, client)
        assert (result.pages, result.skipped, result.stories) == (2, 1, 3)  # c.txt is a.txt
        assert counts(archive) == local
        pd.testing.assert_frame_equal(
            archive.sql("select name from entity_names order by all"), names
        )
        sources = archive.sql("select source from pages order by source")["source"]
        assert list(sources) == files[:2]


def linked_page(text: str, names: list[tuple[str, str, object]]) -> wirenlp.Page:
    """A parsed page whose first story carries the given entities, one cluster each."""
    import attrs

    page = wirenlp.parse(text)
    ents, items = [], []
    for i, (name, kind, link) in enumerate(names):
        start = text.index(name)
        cluster = f"c{i + 1}"
        ents.append(
            wirenlp.Entity(name, start, start + len(name), kind, "ORG", "model", cluster, link)
        )
        items.append(wirenlp.PageEntity(cluster, name, kind, 1, (0,), link))
    story = attrs.evolve(page.stories[0], entities=ents)
    return attrs.evolve(page, stories=(story, *page.stories[1:]), entities=items)


def test_knowledge_base_ids_merge_names_fuzzy_links_do_not(tmp_path):
    def kb(method: str) -> wirenlp.KBLink:
        return wirenlp.KBLink("Q7184", "NAVO", "organisation", 90.0, method)

    pages = [
        linked_page(
            "BRUSSEL (ANP) - De NAVO waarschuwt.\n", [("NAVO", "organisation", kb("kb-alias"))]
        ),
        linked_page(
            "BERLIJN (ANP) - De Noord-Atlantische Verdragsorganisatie vergadert.\n",
            [("Noord-Atlantische Verdragsorganisatie", "organisation", kb("kb-exact"))],
        ),
        linked_page(
            "OSLO (ANP) - De Navo-top begint.\n", [("Navo-top", "organisation", kb("kb-fuzzy"))]
        ),
    ]
    with Archive(tmp_path / "a.duckdb", enrich=False) as archive:
        archive.add(pages)
        navo = archive.entity("NAVO")
        assert navo is not None and navo.link == "kb:Q7184" and navo.pages == 2
        assert set(navo.names) == {"NAVO", "Noord-Atlantische Verdragsorganisatie"}
        top = archive.entity("Navo-top")
        assert top is not None and top.id != navo.id and top.link is None


@given(st.text())
def test_content_keys_never_fail_and_ignore_whitespace_runs(text):
    from wirenlp.archive import normalise

    assert normalise(normalise(text)) == normalise(text)
    key = content_key(text)
    assert len(key) == 32 and key == content_key(f"  {text}\n\t ")
    assert content_key(text.replace(" ", "   ")) == key


SECTION_ORACLE = """
with se as (select story, entity, count(*) as n from mentions where entity is not null
            group by story, entity),
     sec as (select distinct story, coalesce(section, '') as section from appearances)
select sec.section, se.entity, count(*) as stories, sum(se.n) as mentions
from se join sec using (story) group by sec.section, se.entity order by all
"""


def test_section_counts_kept_by_adds_equal_a_full_count(tmp_path, enricher):
    page_c = (
        "Macron in Berlijn\n"
        + TEASER.replace("Parijs", "Berlijn")
        + "Meer uit Binnenland\n"
        + TEASER
    )
    with Archive(tmp_path / "a.duckdb", enricher=enricher, batch_size=1) as archive:
        archive.add([PAGE_A], reference_time=T0)
        archive.add([PAGE_B, page_c], reference_time=T0)  # the teaser again, then elsewhere
        kept = archive.sql(
            "select section, entity, stories, mentions from section_entities order by all"
        )
        full = archive.sql(SECTION_ORACLE)
        assert set(kept["section"]) == {"", "Meer uit Buitenland", "Meer uit Binnenland"}
        assert kept.astype("int64", errors="ignore").values.tolist() == full.values.tolist()
