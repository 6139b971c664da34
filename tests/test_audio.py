"""Read-aloud with the real eSpeak NG: clips for a small content tree, decoded and timed; a
changed sentence renders one clip again; recordings win; a kiosk without the engine says so."""

import json
import os
import time
from pathlib import Path

import pytest
import soundfile
from conftest import lesson_text, look, settings, write
from test_editor import csrf, log_in, set_pin

from kiosk import checks, create_app
from kiosk.audio import clips, engine, start_rendering, stop_rendering

BODY = """\
Calo datang ke rumah dan menawarkan pekerjaan di luar negeri. Gajinya Rp8 juta sebulan.

## Tanda bahaya

- Calo meminta paspor Anda.
- Calo meminta uang di muka, dll. Semua itu tanda penipuan.

## Cara melapor

Telepon 0800-1000, gratis dan rahasia.
"""


def lesson_clips(speech, slug="calo", lang="id"):
    """Render the clips of one lesson page, as the renderer would; returns its playlist."""
    _, blocks = speech.blocks("lesson", lang, slug=slug)
    for key, (voice, said) in speech.jobs(blocks).items():
        if not speech.store.has(key):
            clips.render(speech.engine, speech.store.folder, key, voice, said)
    return speech.playlist("lesson", lang, slug=slug)


@pytest.fixture
def speech(app, content_dir):
    write(content_dir / "id" / "calo.md", lesson_text("Calo", body=BODY))
    look(app)
    return app.extensions["audio"]


def test_a_lesson_is_read_sentence_by_sentence_with_each_start(speech):
    playlist = lesson_clips(speech)
    assert playlist["lang"] == "id"
    parts = playlist["parts"]
    assert [p["block"] for p in parts] == ["judul", "ringkasan", "b0", "b1", "b2", "b3", "b4",
                                           "b5"]
    for part in parts:
        path = speech.clip_path(part["audio"])
        sound, rate = soundfile.read(path)
        assert rate == clips.RATE
        seconds = len(sound) / rate
        assert abs(seconds - part["duration"]) < 0.1
        words = sum(len(s["text"].split()) for s in part["sentences"])
        # Spoken words (numbers said in full) at a villager's pace: 1 to 4 words a second.
        assert (words + 2) / seconds >= 1 and words / seconds <= 4, (part, seconds)
        starts = [s["start"] for s in part["sentences"]]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
        assert starts[0] >= 0 and starts[-1] < seconds
    first = parts[2]
    assert [s["text"] for s in first["sentences"]] == [
        "Calo datang ke rumah dan menawarkan pekerjaan di luar negeri.",
        "Gajinya Rp8 juta sebulan."]
    assert first["section"] is None and parts[4]["section"] == "tanda-bahaya"
    # Ogg Opus, which Chromium and Edge play (its size per minute: bench/audio_bench.py).
    info = soundfile.info(str(speech.clip_path(first["audio"])))
    assert (info.format, info.subtype, info.channels) == ("OGG", "OPUS", 1)


def test_a_changed_sentence_renders_only_its_clip_again(app, speech, content_dir):
    before = lesson_clips(speech)["parts"]
    stamps = {p["audio"]: speech.clip_path(p["audio"]).stat().st_mtime_ns for p in before}
    others = set(speech.missing())  # the other pages' clips, not made in this test
    write(content_dir / "id" / "calo.md",
          lesson_text("Calo", body=BODY.replace("Calo meminta paspor Anda.",
                                                "Calo menahan paspor Anda.")))
    look(app)
    assert len(set(speech.missing()) - others) == 1
    after = lesson_clips(speech)["parts"]
    changed = [(a["block"], a["audio"]) for a, b in zip(after, before, strict=True)
               if a["audio"] != b["audio"]]
    assert [block for block, _ in changed] == ["b2"]
    for part in after:
        if part["block"] != "b2":
            assert speech.clip_path(part["audio"]).stat().st_mtime_ns == stamps[part["audio"]]
    # The old sentence's clip is no page's any more: a build removes it.
    assert speech.store.prune(set(speech.jobs())) == 1
    old = next(p["audio"] for p in before if p["block"] == "b2")
    assert speech.clip_path(old) is None and not (speech.store.folder / old).exists()
    # A clip newer than a build's start is a running kiosk's, for an edit the build missed.
    stray = next(p["audio"] for p in after if p["block"] == "b2")
    assert speech.store.prune(set(), before=time.time() - 60) == 0
    assert speech.clip_path(stray) is not None


def test_the_build_renders_every_page_in_both_languages(app, runner, speech, content_dir):
    result = runner.invoke(args=["audio", "build", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "clips: " in result.output and "0 unused removed" in result.output
    for page, ids in [("report", {}), ("attract", {}), ("lesson", {"slug": "visa-ziarah"})]:
        for lang in ("id", "en"):
            parts = speech.playlist(page, lang, **ids)["parts"]
            assert parts and all(p["audio"] for p in parts), (page, lang)
    report = speech.playlist("report", "en")["parts"]
    assert report[1]["sentences"][1]["text"] == "0800-1000"
    status = runner.invoke(args=["audio", "status"])
    assert " 0 missing, 0 unused" in status.output
    # A lesson whose front matter broke is no page for a while: its clips stay.
    heard = {p["audio"] for p in speech.playlist("lesson", "id", slug="visa-ziarah")["parts"]}
    write(content_dir / "id" / "visa-ziarah.md", "---\ntitle: [\n---\nIsi.\n")
    look(app)
    assert speech.content_errors()
    result = runner.invoke(args=["audio", "build", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "none removed: the content has" in result.output, result.output
    assert all(speech.clip_path(name) is not None for name in heard)


def test_a_recording_replaces_the_voice_for_its_section(app, speech, content_dir):
    lesson_clips(speech)
    folder = content_dir / "audio" / "id"
    folder.mkdir(parents=True)
    samples, _starts = clips.say(speech.engine, "id", ["Rekaman petugas tentang tanda bahaya."])
    (folder / "calo#tanda-bahaya.ogg").write_bytes(clips.encode(samples))
    parts = speech.playlist("lesson", "id", slug="calo")["parts"]
    assert [p["block"] for p in parts] == ["judul", "ringkasan", "b0", "b1", "b4", "b5"]
    recorded = parts[3]
    assert recorded["recording"] == "id/calo#tanda-bahaya.ogg" and recorded["audio"] is None
    assert recorded["blocks"] == ["b1", "b2", "b3"]
    assert recorded["duration"] == pytest.approx(len(samples) / clips.RATE, abs=0.05)
    starts = [s["start"] for s in recorded["sentences"]]
    assert starts[0] == 0 and starts == sorted(starts) and starts[-1] < recorded["duration"]
    assert speech.recording_path("id", "calo#tanda-bahaya.ogg") == folder / \
        "calo#tanda-bahaya.ogg"
    # A recording of the whole lesson covers every block.
    (folder / "calo.mp3").write_bytes(b"ID3" + bytes(64))
    whole = speech.playlist("lesson", "id", slug="calo")["parts"]
    assert len(whole) == 1 and whole[0]["recording"] == "id/calo.mp3"
    assert whole[0]["blocks"][0] == "judul" and whole[0]["blocks"][-1] == "b5"


def test_the_checker_warns_of_recordings_older_than_their_lesson_or_naming_none(
        app, speech, content_dir):
    folder = content_dir / "audio" / "id"
    for name in ("calo.ogg", "calo#tanda-bahya.ogg", "calon.ogg", "catatan.txt",
                 "calo#Tanda_Bahaya.ogg"):
        write(folder / name, "OggS" + "x" * 40)
    os.utime(folder / "calo.ogg", (1_000_000_000, 1_000_000_000))
    found = [line for line in checks.run_for_app(app).lines() if "content/audio" in line]
    # Named as no heading anchor is: the kiosk would not serve it, so it is not played.
    assert found == [
        "content/audio/id/calo#Tanda_Bahaya.ogg: warning: is not played: a recording is named "
        "after its lesson, e.g. calo-sponsor-ilegal.ogg or "
        "calo-sponsor-ilegal#tanda-tanda-calo.ogg (.ogg, .mp3, .m4a)",
        "content/audio/id/calo#tanda-bahya.ogg: warning: names no section of "
        "content/id/calo.md: it has no heading 'tanda-bahya'; did you mean 'tanda-bahaya'?",
        "content/audio/id/calo.ogg: warning: is older than content/id/calo.md, which was "
        "changed after it was recorded; record it again (or, if the text it reads did not "
        "change, save it anew)",
        "content/audio/id/calon.ogg: warning: names no lesson: there is no "
        "content/id/calon.md; did you mean 'calo'?",
        "content/audio/id/catatan.txt: warning: is not played: a recording is named after its "
        "lesson, e.g. calo-sponsor-ilegal.ogg or calo-sponsor-ilegal#tanda-tanda-calo.ogg "
        "(.ogg, .mp3, .m4a)",
    ]


def test_only_clip_and_recording_names_reach_files(app, speech, content_dir):
    part = lesson_clips(speech)["parts"][0]
    assert speech.clip_path(part["audio"]) is not None
    for name in ("../calo.md", part["audio"].upper(), part["audio"][:-4] + ".json",
                 "0" * 32 + ".ogg"):
        assert speech.clip_path(name) is None
    write(content_dir / "audio" / "id" / "calo.ogg", "OggS")
    for lang, name in [("id", "../../id/calo.md"), ("..", "calo.ogg"), ("id", "calo.md")]:
        assert speech.recording_path(lang, name) is None
    # One check of a name, for the playlist and the URL alike: not listed, not served.
    write(content_dir / "audio" / "id" / "calo#Tanda_Bahaya.ogg", "OggS")
    assert speech.recordings.for_lesson("id", "calo") == {None: "calo.ogg"}
    client = app.test_client()
    assert client.get("/dengar/rekaman/id/calo%23Tanda_Bahaya.ogg").status_code == 404
    with client.get("/dengar/rekaman/id/calo.ogg") as served:
        assert served.status_code == 200


@pytest.mark.parametrize("setting, why", [
    ({"SPEECH": False}, "read-aloud is off (SPEECH = False)"),
    ({"SPEECH_LIBRARY": "/tidak/ada/libespeak-ng.so.1"},
     "read-aloud is off: eSpeak NG cannot be loaded (cannot load /tidak/ada/libespeak-ng.so.1"),
])
def test_a_kiosk_without_the_engine_says_so_and_serves_on(content_dir, tmp_path, setting, why):
    app = create_app(settings(content_dir, tmp_path, **setting))
    speech = app.extensions["audio"]
    assert not speech.available and speech.describe().startswith(why)
    if "SPEECH_LIBRARY" in setting:
        assert "pip install espeakng-loader" in speech.describe()
    client = app.test_client()
    assert client.get("/healthz").get_json()["audio"] == "off"
    built = app.test_cli_runner().invoke(args=["audio", "build"])
    assert built.exit_code == 1 and f"Error: {why}" in built.output
    assert client.get("/pelajaran/calo").status_code == 200
    assert start_rendering(app) is None
    if "SPEECH_LIBRARY" in setting:
        # One lesson recorded: its button plays the officer's voice; no other page has one
        # (the voice that would read them is missing: the button would never play).
        write(content_dir / "audio" / "id" / "calo.ogg", "OggS")
        assert client.get("/healthz").get_json()["audio"] == "recordings"
        assert "data-dengar" in client.get("/pelajaran/calo").get_data(as_text=True)
        for page in ("/pelajaran/visa-ziarah", "/lapor"):
            assert "data-dengar" not in client.get(page).get_data(as_text=True), page
        assert client.get("/dengar/report.json?lang=id").status_code == 404
        assert client.get("/dengar/lesson.json?lang=id&slug=calo").status_code == 200


SYSTEM = engine.full_path("libespeak-ng.so.1")


@pytest.mark.skipif(not Path(SYSTEM).is_file(), reason="Debian's espeak-ng is not installed")
def test_the_system_library_reads_aloud_too(content_dir, tmp_path):
    app = create_app(settings(content_dir, tmp_path, SPEECH_LIBRARY=SYSTEM))
    speech = app.extensions["audio"]
    assert speech.engine.library == SYSTEM and "espeakng_loader" not in speech.describe()
    playlist = lesson_clips(speech, "visa-ziarah", "en")
    part = playlist["parts"][0]
    sound, rate = soundfile.read(speech.clip_path(part["audio"]))
    assert len(sound) / rate == pytest.approx(part["duration"], abs=0.1) and part["duration"] > 0.5


def test_the_background_renderer_follows_edits(app, speech, content_dir):
    assert speech.renderer is None  # create_app never starts it
    app.extensions["watcher"].start()
    try:
        renderer = speech.renderer
        assert renderer.idle.wait(120)
        parts = speech.playlist("lesson", "id", slug="calo")["parts"]
        assert all(p["audio"] for p in parts)
        write(content_dir / "id" / "calo.md",
              lesson_text("Calo", body=BODY.replace("gratis dan rahasia", "gratis, 24 jam")))
        renderer.idle.clear()
        look(app)  # what the watcher's thread does within CONTENT_RECHECK_SECONDS
        parts = speech.playlist("lesson", "id", slug="calo")["parts"]
        assert renderer.idle.wait(120)
        parts = speech.playlist("lesson", "id", slug="calo")["parts"]
        assert parts[-1]["sentences"][0]["text"] == "Telepon 0800-1000, gratis, 24 jam."
        assert all(p["audio"] for p in parts)
    finally:
        app.extensions["watcher"].stop()
    assert not renderer.running
    stop_rendering(app)


def test_the_web_editor_takes_a_recording_checked_by_its_bytes(app, speech, content_dir):
    set_pin(app, "135792", "editor")
    client = app.test_client()
    assert log_in(client, "135792", "editor").status_code == 302
    page = client.get("/petugas/konten/rekaman").get_data(as_text=True)
    assert 'value="id/calo#tanda-bahaya"' in page
    samples, _ = clips.say(speech.engine, "id", ["Halo."])

    def send(target, data, name="rekaman.ogg"):
        import io
        return client.post("/petugas/konten/rekaman", content_type="multipart/form-data",
                           data={"csrf": csrf(page), "bagian": target,
                                 "rekaman": (io.BytesIO(data), name)})

    response = send("id/calo#tanda-bahaya", clips.encode(samples))
    assert response.status_code == 201
    assert (content_dir / "audio" / "id" / "calo#tanda-bahaya.ogg").is_file()
    refused = send("id/calo", b"<html>not a sound</html>", "suara.mp3")
    assert refused.status_code == 422
    assert "bukan rekaman Ogg, MP3, atau M4A" in refused.get_data(as_text=True)
    assert send("id/calo#tidak-ada", clips.encode(samples)).status_code == 422
    assert not (content_dir / "audio" / "id" / "calo.mp3").exists()


def test_a_clip_describes_itself_in_its_json(speech):
    part = lesson_clips(speech)["parts"][2]
    meta = json.loads(speech.clip_path(part["audio"]).with_suffix(".json").read_text())
    assert meta == {"duration": part["duration"],
                    "starts": [s["start"] for s in part["sentences"]]}


def test_a_clip_a_page_finds_missing_is_made_in_the_background(app, speech):
    start_rendering(app)
    try:
        renderer = speech.renderer
        assert renderer.idle.wait(120)  # everything there: from here on only what is asked
        block = speech.blocks("lesson", "id", slug="calo")[1][2]
        key = speech.key(block)
        ogg = speech.store.folder / f"{key}.ogg"
        assert speech.playlist("lesson", "id", slug="calo")["parts"][2]["audio"] == ogg.name
        # Someone freeing disk (or a build's prune) removes the sound, its .json stays.
        ogg.unlink()
        renderer.idle.clear()
        part = speech.playlist("lesson", "id", slug="calo")["parts"][2]
        assert part["audio"] is None and part["sentences"][0]["start"] is None
        assert renderer.idle.wait(60)
        assert speech.playlist("lesson", "id", slug="calo")["parts"][2]["audio"] == ogg.name
        # Gone between the playlist and the player's fetch: made again without another tap.
        ogg.unlink()
        renderer.idle.clear()
        assert app.test_client().get(f"/dengar/klip/{ogg.name}").status_code == 404
        assert renderer.idle.wait(60)
        assert ogg.is_file() and speech.clip_path(ogg.name) == ogg
    finally:
        stop_rendering(app)
