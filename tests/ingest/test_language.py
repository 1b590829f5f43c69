"""Language detection: articles in other languages are named, English copy full of foreign names is not touched."""

from __future__ import annotations

import json
import time

import pytest

from talktrack.ingest import read_inputs
from talktrack.ingest.language import MIN_WORDS, detect_language, foreign_language, load_identifier, plainly_english
from talktrack.model import Document, Reject
from talktrack.settings import Settings

pytestmark = pytest.mark.issue(8)

# our own news copy, two sentences a language
FOREIGN = {
    "de": "Die Handelsgespräche zwischen der Europäischen Union und den Vereinigten Staaten sind am Dienstag in Brüssel "
    "ohne Einigung zu Ende gegangen. Beide Seiten hätten ihre Positionen offen dargelegt, sagte ein Sprecher der "
    "Kommission nach dem zweitägigen Treffen.",
    "fr": "Les négociations commerciales entre la France et le Brésil ont repris lundi à Paris après une pause de trois "
    "mois. « Nous voulons un accord équilibré qui protège nos agriculteurs », a déclaré la ministre du Commerce extérieur.",
    "es": "Los representantes de México y Estados Unidos se reunieron el jueves en la Ciudad de México para revisar el "
    "tratado comercial. «Hemos avanzado en varios capítulos, pero todavía quedan diferencias importantes», dijo el secretario.",
    "pt": "O governo brasileiro e a União Europeia retomaram nesta quarta-feira as negociações sobre o acordo comercial. "
    "“Estamos mais perto de um entendimento do que estávamos há um ano”, afirmou o ministro das Relações Exteriores.",
    "it": "I negoziati tra l'Italia e la Cina sulle esportazioni agricole sono ripresi martedì a Roma dopo una lunga "
    "interruzione. «Il dialogo è stato franco e costruttivo, ma servono risultati concreti», ha dichiarato il viceministro.",
    "nl": "De handelsbesprekingen tussen Nederland en Indonesië zijn donderdag in Den Haag hervat na een onderbreking van "
    "bijna een jaar. „We hebben stappen gezet, maar er ligt nog veel werk voor ons”, zei de minister.",
    "ru": "Переговоры между Россией и Китаем о поставках газа продолжились во вторник в Пекине. По словам представителя "
    "министерства энергетики, стороны обсудили цену на газ и сроки строительства нового трубопровода.",
    "ar": "استؤنفت يوم الأحد في القاهرة المحادثات التجارية بين مصر والاتحاد الأوروبي بعد توقف دام عدة أشهر. وقال متحدث "
    "باسم وزارة الخارجية إن الجانبين ناقشا الرسوم الجمركية على الصادرات الزراعية.",
    "zh": "中美两国经贸团队周日在吉隆坡举行了新一轮磋商。据新华社报道，双方就关税、出口管制和农产品贸易等问题进行了坦诚、深入的交流。",
    "ja": "日本と米国の貿易交渉が火曜日にワシントンで再開された。政府関係者によると、両国の代表団は自動車関税や農産物の市場開放について協議した。",
}

# English news dense with foreign names, places and quoted foreign words: never rejected
ENGLISH = [
    "Chancellor Friedrich Merz said the EU would not accept \"einseitige Zölle\", or one-sided tariffs. \"Wir lassen uns "
    "nicht erpressen,\" Merz told reporters in Berlin. The Bundesverband der Deutschen Industrie warned that Volkswagen, "
    "BMW and Mercedes-Benz could lose billions.",
    "Chinese Vice Premier He Lifeng and US Treasury Secretary Scott Bessent met in Kuala Lumpur on Sunday. Li Chenggang, "
    "China's international trade representative, said Wang Wentao, Xie Feng and Liao Min also attended.",
    "Saudi Crown Prince Mohammed bin Salman, Qatar's Emir Sheikh Tamim bin Hamad Al Thani and Egyptian President Abdel "
    "Fattah al-Sisi met in Sharm el-Sheikh on Monday.",
    "\"Dit is een goede stap,\" Klever said in Dutch after the ceremony at the Ministerie van Buitenlandse Zaken.",
    "Banners reading \"互利共赢\" (mutual benefit and win-win) and \"合作共赢\" lined Chang'an Avenue as the delegations arrived.",
    "\"Vamos a seguir dialogando,\" Sheinbaum told her morning press conference, the mañanera, in Mexico City's Palacio Nacional.",
]

HEADLINES = ["Gespräche in Berlin vertagt", "Accord conclu à Genève", "Переговоры отложены", "中美会谈结束", "Talks resume in Geneva"]


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_detect_language_names_each_language(code: str):
    guess = detect_language(FOREIGN[code])
    assert guess is not None and guess.code == code
    assert foreign_language(FOREIGN[code], ("en",)) == guess


@pytest.mark.parametrize("text", ENGLISH)
def test_english_with_foreign_names_and_quotes_is_accepted(text: str):
    assert foreign_language(text, ("en",)) is None


@pytest.mark.parametrize("text", HEADLINES)
def test_a_few_words_are_never_judged(text: str):
    assert len(text.split()) < MIN_WORDS
    assert detect_language(text) is None


def test_accepted_languages_come_from_the_setting():
    assert foreign_language(FOREIGN["de"], ("en", "de")) is None
    assert foreign_language(FOREIGN["de"], ()) is None  # the check is off
    guess = foreign_language(FOREIGN["de"], ("en",))
    assert guess is not None and guess.name == "German (de)"


def test_detection_costs_well_under_5_ms_per_article():
    article = " ".join(ENGLISH) * 20  # about 10,000 characters; only the start is read
    foreign_language(article, ("en",))  # loads the model
    start = time.process_time()  # this process's CPU time: other processes on the machine (make test runs two) do not count
    for _ in range(50):
        foreign_language(article, ("en",))
        foreign_language(FOREIGN["zh"] * 20, ("en",))
    assert (time.process_time() - start) / 100 < 0.005


def test_every_reader_rejects_a_foreign_article(tmp_path):
    (tmp_path / "de.txt").write_text("Handelsgespräche ohne Einigung\n\n" + FOREIGN["de"], encoding="utf-8")
    (tmp_path / "zh.html").write_text(
        f"<html><head><title>磋商</title></head><body><article><p>{FOREIGN['zh']}</p><p>{FOREIGN['zh']}</p></article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"title": "Envoys meet", "text": ENGLISH[1]}) + "\n" + json.dumps({"title": "Gespräche", "text": FOREIGN["de"]}) + "\n",
        encoding="utf-8",
    )
    items = list(read_inputs([str(tmp_path)], Settings()))
    rejects = {(r.source.rsplit("/", 1)[-1], r.code, r.line) for r in items if isinstance(r, Reject)}
    assert rejects == {("de.txt", "TT113", None), ("zh.html", "TT113", None), ("feed.jsonl", "TT113", 2)}
    assert [d.title for d in items if isinstance(d, Document)] == ["Envoys meet"]
    line = next(r for r in items if isinstance(r, Reject) and r.line == 2)
    assert "feed.jsonl, line 2: text is in German (de)" in line.message and "setting languages" in line.message
    every = list(read_inputs([str(tmp_path)], Settings(languages=())))
    assert all(isinstance(i, Document) for i in every) and len(every) == 4


PLAIN = (
    "The minister said on Monday that the talks with the delegation from Brasilia had been useful, and that both "
    "sides would meet again in the spring to discuss the tariffs which were imposed last year."
)


# copy in another language around an English quotation: the English function words alone would pass it
MIXED = {
    "es": (
        "El ministro de Comercio dijo el lunes que las conversaciones con la delegación estadounidense habían sido "
        "útiles y que ambas partes volverán a reunirse en primavera para hablar de los aranceles y de las cuotas.\n\n"
        "\"We made progress on the tariffs and we will meet again in the spring,\" said the envoy at the end of the talks.\n\n"
        "Según el comunicado, las partes acordaron mantener abiertos los canales de diálogo durante los próximos meses "
        "y estudiar una reducción gradual de los aranceles sobre el acero."
    ),
    "ja": (
        "経済産業大臣は月曜日、米国代表団との協議は有益だったと述べ、双方は春に再び会合を開くことで合意したと明らかにした。\n\n"
        "\"We made progress on the tariffs and we will meet again in the spring,\" the envoy said after the talks with the minister.\n\n"
        "声明によると、両国は今後数カ月にわたり対話の窓口を開いておくことで一致した。"
    ),
    "ru": (
        "Министр торговли заявил в понедельник, что переговоры с американской делегацией были полезными и что "
        "стороны снова встретятся весной, чтобы обсудить пошлины.\n\n"
        "\"We made progress on the tariffs and we will meet again in the spring,\" the envoy said after the talks.\n\n"
        "По словам министра, стороны договорились сохранить каналы диалога открытыми в ближайшие месяцы."
    ),
}


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_no_foreign_text_passes_for_plainly_english(code: str):
    assert not plainly_english(FOREIGN[code])


@pytest.mark.parametrize("code", sorted(MIXED))
def test_another_language_around_an_english_quote_goes_to_the_model(code: str):
    assert not plainly_english(MIXED[code])  # another script (ja, ru), or a paragraph of prose without English (es)
    guess = foreign_language(MIXED[code], ("en",))
    assert guess is not None and guess.code == code


def test_plainly_english_copy_is_accepted_without_the_model():
    assert plainly_english(PLAIN)
    load_identifier.cache_clear()
    assert foreign_language(PLAIN, ("en",)) is None
    assert load_identifier.cache_info().currsize == 0  # the model was not loaded
    assert foreign_language(PLAIN, ("de",)) is not None  # where English is not accepted, the model judges it


def test_english_copy_below_the_share_still_goes_to_the_model():
    dense = next(t for t in ENGLISH if not plainly_english(t) and len(t.split()) >= MIN_WORDS)
    load_identifier.cache_clear()
    assert foreign_language(dense, ("en",)) is None
    assert load_identifier.cache_info().currsize == 1
