"""The new-lesson template: every front matter field explained, in the editors' language.

What the editor must replace says "TULIS: …"; the kiosk shows no lesson that still has it.
"""

import json

from ..content.lessons import PLACEHOLDER, SLUG

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "bahasa Inggris"}


def _q(value):
    """A YAML scalar that reads back as exactly this text (a JSON string is valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def _todo(text):
    return _q(f"{PLACEHOLDER} {text}")


def lesson_template(slug, lang, categories, category=None, title=None, original=None):
    """The text of a new lesson file; ``original`` (the Indonesian lesson) for a translation."""
    if not SLUG.match(slug or ""):
        raise ValueError("slug")
    language = LANGUAGE_NAMES.get(lang, lang)
    known = ", ".join(categories) or "(belum ada: tulis dulu content/categories.yaml)"
    if original is not None:
        category = category or original.category
        title_line = _todo(f"judul dalam {language} (aslinya: {original.title})")
        summary_line = _todo(f"ringkasan dalam {language} (aslinya: {original.summary})")
        tags = json.dumps(original.tags, ensure_ascii=False)
        order = original.order
        image = f" {original.image}" if original.image else ""
        sources = "".join(f"\n  - {_q(s)}" for s in original.sources) or " []"
        body = (f"{PLACEHOLDER} terjemahkan teks di bawah ini ke dalam {language}, lalu "
                f"hapus baris ini.\n\n{original.body.strip()}\n")
    else:
        title_line = _q(title) if title else _todo("judul pelajaran")
        summary_line = _todo("ringkasan satu atau dua kalimat")
        tags, order, image = "[]", 100, ""
        sources = f"\n  - {_todo('sumber, misalnya UU No. 18 Tahun 2017')}"
        body = BODY
    category_line = _q(category) if category else _todo("id topik")
    return HEAD.format(
        slug=slug, language=language, placeholder=PLACEHOLDER, title=title_line,
        summary=summary_line, category=category_line, known=known, tags=tags, order=order,
        image=image, sources=sources,
    ) + body


HEAD = """\
---
# Pelajaran baru "{slug}" ({language}).
# Baris yang diawali '#' adalah catatan untuk Anda; kios tidak menampilkannya.
# Ganti setiap "{placeholder} …" dengan kata-kata Anda sendiri. Selama masih ada
# "{placeholder}", pelajaran ini belum tampil di kios. Panduan: docs/panduan-editor.md

# title (wajib): judul pendek, seperti orang bicara.
#   Contoh: Visa ziarah bukan visa kerja
title: {title}

# summary (wajib): satu atau dua kalimat pendek, tampil di bawah judul dan di daftar.
summary: {summary}

# category (wajib): topik tempat pelajaran ini tampil. Salah satu dari
#   content/categories.yaml: {known}
category: {category}

# tags: kata yang mungkin diketik warga saat mencari, dipisah koma.
#   Contoh: [calo, paspor, uang muka]
tags: {tags}

# order: urutan di dalam topik; angka kecil tampil lebih dulu.
order: {order}

# image: gambar di atas pelajaran (boleh kosong): nama berkas di content/media/,
#   misalnya paspor.png. Unggah gambar di penyunting: /petugas/konten/gambar
image:{image}

# sources: dasar hukum atau sumber fakta, satu per baris diawali '- '.
sources:{sources}

# bawa_pulang (boleh tidak ditulis): tulisan kode QR "Bawa pulang". Tanpa baris ini kios
#   membuatnya dari kotak '::: waspada'. Paling banyak 500 byte bersama judul dan nomor.
#   Contoh:  bawa_pulang: Jangan terima uang dari calo. Tanya dulu ke Disnaker.

# reviewed: tanggal petugas imigrasi memeriksa isi ini, misalnya 2026-11-27.
#   Kosongkan sampai sudah diperiksa; warga tidak melihat apa-apa, petugas melihatnya
#   di daftar "Belum diperiksa" (dasbor petugas dan pemeriksa isi).
reviewed:
---

"""

BODY = f"""\
{PLACEHOLDER} mulai dengan cerita pendek tentang orang desa, misalnya "Pak Darto ditawari \
kerja di luar negeri…".

## {PLACEHOLDER} judul bagian, misalnya "Tanda-tandanya"

{PLACEHOLDER} kalimat pendek, satu gagasan per kalimat, seperti tetangga bicara.

::: waspada
- {PLACEHOLDER} tanda bahaya yang harus diwaspadai
:::

::: lakukan
- {PLACEHOLDER} langkah aman yang bisa dilakukan warga
:::
"""


def quiz_template(slug, lesson=None):
    """The text of a new quiz for lesson ``slug``: one question of each common kind."""
    title = lesson.title if lesson is not None else slug
    return QUIZ.format(slug=slug, title=title, placeholder=PLACEHOLDER,
                       quiz_title=_q(f"Kuis {title}"))


QUIZ = """\
# Kuis untuk pelajaran "{title}" (content/id/{slug}.md).
# Baris yang diawali '#' adalah catatan untuk Anda. Ganti setiap "{placeholder} …" dengan
# kata-kata Anda; selama masih ada "{placeholder}", kuis ini belum tampil di kios.
# 3 sampai 5 pertanyaan cukup. Cara menulis kuis: docs/quiz-format.md
title:
  id: {quiz_title}
  en: "{placeholder} judul kuis dalam bahasa Inggris"
lessons: [{slug}]
questions:
  # Pertanyaan dengan satu jawaban benar (type: single).
  - id: q1
    type: single
    text:
      id: "{placeholder} pertanyaan"
      en: "{placeholder} pertanyaan dalam bahasa Inggris"
    options:
      - id: a
        correct: true
        text:
          id: "{placeholder} jawaban yang benar"
          en: "{placeholder} jawaban yang benar, dalam bahasa Inggris"
        feedback:
          id: "{placeholder} mengapa ini benar"
          en: "{placeholder} mengapa ini benar, dalam bahasa Inggris"
      - id: b
        text:
          id: "{placeholder} jawaban yang salah"
          en: "{placeholder} jawaban yang salah, dalam bahasa Inggris"
        feedback:
          id: "{placeholder} mengapa ini salah: di sinilah warga belajar"
          en: "{placeholder} mengapa ini salah, dalam bahasa Inggris"
    explanation:
      id: "{placeholder} penjelasan singkat yang selalu muncul setelah menjawab"
      en: "{placeholder} penjelasan dalam bahasa Inggris"

  # Pernyataan yang dijawab Benar atau Salah (type: truefalse).
  - id: q2
    type: truefalse
    text:
      id: "{placeholder} pernyataan"
      en: "{placeholder} pernyataan dalam bahasa Inggris"
    answer: salah
    explanation:
      id: "{placeholder} penjelasan singkat"
      en: "{placeholder} penjelasan dalam bahasa Inggris"
"""
