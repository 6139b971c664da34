"""Realistic job offers for "Cek tawaran kerja", written from the lessons: answers → level.

Run ``python tests/checker_scenarios.py`` to print each offer's level under quizzes/ today.
"""

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

YES, NO, UNSURE = "ya", "tidak", "tidak-tahu"
DANGER, CAUTION, NOT_SEEN = "bahaya", "hati-hati", "belum-terlihat"
ORDER = {NOT_SEEN: 0, "aman": 0, CAUTION: 1, DANGER: 2}
LEGAL, SCAM = "jalur resmi", "penipuan"

# The answer a person on the legal route gives to every question; a scenario lists only
# what differs from it, as the villager in the lesson would answer.
LEGAL_ANSWERS = {
    "negara-penipuan": NO, "visa-bukan-kerja": NO, "cara-menyeberang": NO,
    "agen-berizin": YES, "lewat-disnaker": YES, "kontrak-tertulis": YES,
    "hanya-media-sosial": NO, "biaya-di-muka": NO, "pekerjaan-tanpa-biaya": NO,
    "keluarga-diberi-uang": NO, "utang-potong-gaji": NO, "paspor-untuk-visa": NO,
    "paspor-dipegang": NO,
    "dijodohkan": NO, "umur-diubah": NO, "gaji-terlalu-besar": NO, "cepat-diam-diam": NO,
    "disuruh-berbohong": NO,
}


@dataclass(frozen=True)
class Offer:
    id: str
    story: str  # the offer as the lesson tells it
    route: str  # LEGAL or SCAM
    answers: dict
    level: str  # the level the kiosk must give
    signs: tuple = ()  # danger signs the result must name
    find_out: tuple = ()  # "Tidak tahu" answers the result must ask to find out
    lesson: str = ""
    everything: dict = field(default_factory=dict, compare=False)

    def all_answers(self, question_ids):
        given = {**LEGAL_ANSWERS, **self.answers}
        return {qid: given.get(qid, UNSURE) for qid in question_ids}


OFFERS = [
    # -- the three the issue names ------------------------------------------------
    Offer("kamboja-admin-sepupu",
          "Sepupu menawari kerja 'admin' di Kamboja lewat WhatsApp; tiket dibayar sendiri, "
          "visanya tidak tahu.", SCAM,
          {"negara-penipuan": YES, "agen-berizin": UNSURE, "lewat-disnaker": NO,
           "kontrak-tertulis": UNSURE, "biaya-di-muka": YES, "visa-bukan-kerja": UNSURE},
          DANGER, ("negara-penipuan",), ("visa-bukan-kerja", "agen-berizin"),
          "lowongan-palsu-penipuan-daring"),
    Offer("calo-uang-keluarga",
          "Pak Darto memberi keluarga Rp2 juta, tanpa kontrak; utang dan visanya tidak tahu.",
          SCAM,
          {"keluarga-diberi-uang": YES, "kontrak-tertulis": NO, "utang-potong-gaji": UNSURE,
           "visa-bukan-kerja": UNSURE, "agen-berizin": UNSURE, "lewat-disnaker": NO},
          DANGER, ("keluarga-diberi-uang", "kontrak-tertulis"), ("visa-bukan-kerja",),
          "calo-sponsor-ilegal"),
    Offer("p3mi-bawa-paspor-untuk-visa",
          "P3MI berizin (dicek di LTSA) membawa paspor untuk mengurus visa kerja ke Taiwan.",
          LEGAL, {"paspor-untuk-visa": YES, "pekerjaan-tanpa-biaya": YES},
          NOT_SEEN, (), (), "jalur-resmi-bekerja"),
    # -- the legal route ----------------------------------------------------------------
    Offer("taiwan-perawat-lansia",
          "Perawat lansia ke Taiwan lewat P3MI berizin, daftar di Disnaker, tanpa biaya.", LEGAL,
          {"pekerjaan-tanpa-biaya": YES}, NOT_SEEN, lesson="tanpa-biaya-penempatan"),
    Offer("hongkong-prt",
          "PRT ke Hong Kong lewat P3MI; kontrak ditandatangani di orientasi sebelum berangkat.",
          LEGAL, {"pekerjaan-tanpa-biaya": YES}, NOT_SEEN, lesson="jalur-resmi-bekerja"),
    Offer("jepang-pabrik-pelatihan-berbayar",
          "Kerja pabrik makanan di Jepang lewat P3MI berizin; pelatihan bahasa di LPK dibayar.",
          LEGAL, {"biaya-di-muka": YES}, CAUTION, ("biaya-di-muka",),
          lesson="jalur-resmi-bekerja"),
    Offer("korea-eps-g-to-g",
          "Program G to G ke Korea lewat Disnaker; membayar ujian bahasa.", LEGAL,
          {"biaya-di-muka": YES}, CAUTION, ("biaya-di-muka",), lesson="jalur-resmi-bekerja"),
    Offer("malaysia-kebun-resmi",
          "Pekerja kebun sawit ke Malaysia lewat P3MI; paspor dibawa P3MI untuk visa kerja.",
          LEGAL, {"pekerjaan-tanpa-biaya": YES, "paspor-untuk-visa": YES}, NOT_SEEN,
          lesson="tanpa-biaya-penempatan"),
    Offer("resmi-tapi-belum-dicek",
          "Kerja pabrik di Taiwan; izin perusahaan belum dicek, kontrak belum tahu.", LEGAL,
          {"agen-berizin": UNSURE, "kontrak-tertulis": UNSURE}, CAUTION, (),
          ("agen-berizin", "kontrak-tertulis"), "cek-agen-resmi"),
    # -- zero-cost jobs with fees ---------------------------------------------------------
    Offer("abk-kapal-ikan-bayar",
          "Awak kapal ikan; diminta Rp15 juta 'biaya urus', potong gaji, kontrak nanti.", SCAM,
          {"pekerjaan-tanpa-biaya": YES, "biaya-di-muka": YES, "utang-potong-gaji": YES,
           "kontrak-tertulis": NO, "agen-berizin": UNSURE},
          DANGER, ("pekerjaan-tanpa-biaya",), ("agen-berizin",), "tanpa-biaya-penempatan"),
    Offer("perawat-lansia-bayar-pt",
          "Bu Yati, perawat lansia: 'bayar dulu tiket, pelatihan, dan biaya PT'; PT-nya "
          "berizin.", SCAM,
          {"pekerjaan-tanpa-biaya": YES, "biaya-di-muka": YES},
          DANGER, ("pekerjaan-tanpa-biaya", "biaya-di-muka"), (), "tanpa-biaya-penempatan"),
    Offer("prt-malaysia-sponsor-bayar",
          "PRT ke Malaysia lewat sponsor; bayar Rp5 juta, sisanya potong gaji.", SCAM,
          {"pekerjaan-tanpa-biaya": YES, "biaya-di-muka": YES, "utang-potong-gaji": YES,
           "agen-berizin": UNSURE, "lewat-disnaker": NO},
          DANGER, ("pekerjaan-tanpa-biaya", "utang-potong-gaji"), (), "tanpa-biaya-penempatan"),
    Offer("prt-potong-gaji-tanpa-bayar",
          "PRT ke Hong Kong lewat P3MI berizin, tidak bayar di muka, tetapi tiket dan biaya "
          "'nanti dipotong dari gaji'.", SCAM,
          {"pekerjaan-tanpa-biaya": YES, "utang-potong-gaji": YES},
          DANGER, ("utang-potong-gaji",), (), "tanpa-biaya-penempatan"),
    # -- visas that are not work visas, and crossings without a check ----------------------
    Offer("umrah-lalu-kerja",
          "Berangkat dengan visa umrah ke Arab Saudi, di sana dicarikan kerja PRT.", SCAM,
          {"visa-bukan-kerja": YES, "agen-berizin": NO, "lewat-disnaker": NO,
           "pekerjaan-tanpa-biaya": YES},
          DANGER, ("visa-bukan-kerja",), (), "visa-umrah-ziarah"),
    Offer("umrah-disuruh-bilang-ibadah",
          "Sponsor mengurus visa umrah dan menyuruh bilang 'mau umrah' di wawancara paspor.",
          SCAM, {"visa-bukan-kerja": YES, "disuruh-berbohong": YES, "agen-berizin": UNSURE},
          DANGER, ("visa-bukan-kerja", "disuruh-berbohong"), (), "wawancara-paspor"),
    Offer("turis-dubai-salon",
          "Kerja salon di Dubai dengan visa turis; berangkat minggu ini, jangan bilang "
          "siapa-siapa.",
          SCAM, {"visa-bukan-kerja": YES, "cepat-diam-diam": YES, "agen-berizin": NO},
          DANGER, ("visa-bukan-kerja", "cepat-diam-diam"), (), "visa-turis-jalur-tidak-resmi"),
    Offer("kapal-batam-malaysia",
          "Naik perahu dari Batam ke Malaysia tanpa pemeriksaan; sponsor bilang PT-nya resmi.",
          SCAM, {"cara-menyeberang": YES, "agen-berizin": UNSURE, "kontrak-tertulis": UNSURE,
                 "lewat-disnaker": NO},
          DANGER, ("cara-menyeberang",), ("agen-berizin", "kontrak-tertulis"),
          "visa-turis-jalur-tidak-resmi"),
    Offer("jalan-tikus-kebun",
          "Lewat jalan tikus di perbatasan Kalimantan untuk kerja kebun, tanpa biaya.", SCAM,
          {"cara-menyeberang": YES, "pekerjaan-tanpa-biaya": YES, "agen-berizin": NO,
           "lewat-disnaker": NO},
          DANGER, ("cara-menyeberang",), (), "visa-turis-jalur-tidak-resmi"),
    # -- online scams ---------------------------------------------------------------------
    Offer("thailand-customer-service",
          "Iklan Facebook: customer service di Thailand, USD 1.200, tiket ditanggung.", SCAM,
          {"negara-penipuan": YES, "hanya-media-sosial": YES, "gaji-terlalu-besar": YES,
           "agen-berizin": NO, "lewat-disnaker": NO},
          DANGER, ("negara-penipuan",), (), "lowongan-palsu-penipuan-daring"),
    Offer("korea-pabrik-tiktok",
          "TikTok: kerja pabrik di Korea, gaji Rp30 juta tanpa tes, transfer 'biaya proses'.",
          SCAM, {"hanya-media-sosial": YES, "gaji-terlalu-besar": YES, "biaya-di-muka": YES,
                 "agen-berizin": UNSURE, "lewat-disnaker": NO},
          DANGER, ("hanya-media-sosial", "gaji-terlalu-besar", "biaya-di-muka"),
          ("agen-berizin",), "lowongan-palsu-penipuan-daring"),
    # -- internships, brides, documents ------------------------------------------------------
    Offer("ferienjob-jerman",
          "'Magang' ferienjob di Jerman: dana talangan potong gaji, kontrak bahasa Jerman "
          "setelah tiba.", SCAM,
          {"biaya-di-muka": YES, "utang-potong-gaji": YES, "kontrak-tertulis": NO,
           "agen-berizin": NO, "lewat-disnaker": NO, "visa-bukan-kerja": UNSURE},
          DANGER, ("utang-potong-gaji", "kontrak-tertulis"), ("visa-bukan-kerja",),
          "magang-palsu"),
    Offer("magang-jepang-lpk-liar",
          "Magang ke Jepang lewat LPK tanpa izin, bayar 'jaminan pasti berangkat'.", SCAM,
          {"biaya-di-muka": YES, "agen-berizin": NO, "lewat-disnaker": NO},
          DANGER, ("agen-berizin", "biaya-di-muka"), (), "magang-palsu"),
    Offer("pengantin-pesanan-china",
          "Perantara menjodohkan dengan pria kaya di China; keluarga diberi mahar Rp20 juta.",
          SCAM, {"dijodohkan": YES, "keluarga-diberi-uang": YES, "cepat-diam-diam": YES,
                 "kontrak-tertulis": NO, "agen-berizin": NO, "lewat-disnaker": NO},
          DANGER, ("dijodohkan", "keluarga-diberi-uang"), (), "pengantin-pesanan"),
    Offer("umur-dinaikkan",
          "Anak 16 tahun; sponsor menaikkan umurnya di KTP supaya bisa berangkat.", SCAM,
          {"umur-diubah": YES, "lewat-disnaker": NO, "agen-berizin": UNSURE},
          DANGER, ("umur-diubah",), (), "pemalsuan-dokumen-umur"),
    # -- calo and documents -----------------------------------------------------------------
    Offer("calo-pakai-nama-pt-resmi",
          "Calo memakai nama PT berizin; semua lewat dia, paspor dipegangnya, tanpa Disnaker.",
          SCAM, {"agen-berizin": YES, "lewat-disnaker": NO, "hanya-media-sosial": YES,
                 "paspor-dipegang": YES, "keluarga-diberi-uang": YES},
          DANGER, ("paspor-dipegang", "keluarga-diberi-uang"), (), "calo-sponsor-ilegal"),
    Offer("paspor-disimpan-sponsor",
          "Sponsor menyimpan paspor 'supaya aman'; izinnya tidak tahu.", SCAM,
          {"paspor-dipegang": YES, "agen-berizin": UNSURE, "lewat-disnaker": NO},
          DANGER, ("paspor-dipegang",), ("agen-berizin",), "jeratan-utang-paspor-ditahan"),
    Offer("berangkat-diam-diam-wa",
          "Lewat WhatsApp: 'besok berangkat, jangan bilang siapa-siapa'; PT-nya tidak tahu.",
          SCAM, {"cepat-diam-diam": YES, "hanya-media-sosial": YES, "agen-berizin": UNSURE,
                 "lewat-disnaker": NO},
          DANGER, ("cepat-diam-diam", "hanya-media-sosial"), ("agen-berizin",),
          "visa-turis-jalur-tidak-resmi"),
    Offer("kontrak-nanti-di-sana",
          "P3MI berizin, terdaftar di Disnaker, tapi 'kontraknya nanti di sana'.", SCAM,
          {"kontrak-tertulis": NO}, CAUTION, ("kontrak-tertulis",), (), "magang-palsu"),
    # -- the passport: handed over for the visa, or kept --------------------------------------
    Offer("p3mi-visa-chat-tidak-tahu",
          "P3MI berizin (dicek di LTSA) minta paspor untuk visa kerja; apakah semua lewat chat, "
          "tidak tahu.", LEGAL,
          {"paspor-untuk-visa": YES, "hanya-media-sosial": UNSURE}, CAUTION,
          lesson="jalur-resmi-bekerja"),
    Offer("paspor-untuk-visa-izin-belum-dicek",
          "Kerja pabrik di Taiwan, daftar di Disnaker; PT minta paspor untuk visa, izinnya "
          "belum dicek.", LEGAL,
          {"paspor-untuk-visa": YES, "agen-berizin": UNSURE}, CAUTION, ("paspor-untuk-visa",),
          ("agen-berizin",), "cek-agen-resmi"),
    Offer("calo-nama-pt-resmi-tahan-paspor",
          "Calo memakai nama PT berizin yang sudah dicek; paspor diminta 'untuk visa', lalu "
          "disimpannya sebagai jaminan.", SCAM,
          {"paspor-untuk-visa": YES, "paspor-dipegang": YES}, DANGER, ("paspor-dipegang",),
          (), "calo-sponsor-ilegal"),
    Offer("majikan-simpan-paspor",
          "Perawat lansia lewat P3MI berizin; majikan di sana akan menyimpan paspornya "
          "'supaya aman'.", SCAM,
          {"pekerjaan-tanpa-biaya": YES, "paspor-dipegang": YES}, DANGER, ("paspor-dipegang",),
          (), "jeratan-utang-paspor-ditahan"),
    Offer("tidak-tahu-apa-apa",
          "Tetangga ditawari kerja, tetapi belum tahu apa pun tentang tawarannya.", SCAM,
          dict.fromkeys(LEGAL_ANSWERS, UNSURE), CAUTION, (),
          ("negara-penipuan", "visa-bukan-kerja", "agen-berizin", "kontrak-tertulis"),
          "cek-agen-resmi"),
]


def severe_ids(checker):
    return {s.id for s in checker.signs if s.severe}


def judge(checker, offer):
    """The verdict the checker gives for one offer (questions it does not ask are left out)."""
    return checker.verdict(offer.all_answers([s.id for s in checker.signs]))


def table(checker):
    rows = []
    for offer in OFFERS:
        verdict = judge(checker, offer)
        rows.append((offer.id, offer.route, offer.level, verdict.risk,
                     " ".join(s.id for s in verdict.raised)))
    return rows


def main(root):
    sys.path.insert(0, str(root))
    from kiosk import create_app
    from kiosk.quiz import get_quizbook

    with tempfile.TemporaryDirectory() as data:
        app = create_app({"TESTING": True, "DATA_DIR": data,
                          "QUIZ_DIR": str(root / "quizzes")})
        with app.app_context():
            checker = get_quizbook().checker
    print("| offer | route | expected | level | signs named |")
    print("|---|---|---|---|---|")
    for row in table(checker):
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main(Path(__file__).resolve().parent.parent)
