"""Personal-data masking: recall per kind on a generated corpus, false positives on ordinary text.

Run: .venv/bin/python benchmarks/pii.py [--seed 1] [--per-kind 50] [--datasets ../shared/datasets]

The corpus plants values of every kind the masker covers, in varied formats and in sentences a
customer might write (several languages, upper and lower case, spaced and compact forms); a
planted item counts as caught when none of its parts is left in the masked text. False positives
are ordinary support texts with anything masked: the DSTC11 dev tickets and knowledge
(`../shared/datasets`, skipped when absent) and every paragraph of the sample help centre in
`knowledge/help-center`.
Patterns were written against seed 0; report figures with another seed.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stdnum import iban as iban_check
from stdnum import luhn

from drafter.safety import PiiMasker

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"

FIRST = ["Maria", "John", "Aiko", "Lars", "Chloé", "Kwame", "Priya", "Mateo", "Zofia", "Liam", "Fatima"]
LAST = ["Lopez", "Smith", "Tanaka", "Johansson", "Dubois", "Mensah", "Sharma", "Rossi", "Nowak", "Byrne"]
STREETS = ["Baker", "Wallaby", "Maple", "Elm", "High", "Church", "Station", "Oak Tree", "Victoria", "Kings"]
STREET_TYPES = ["Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Drive", "Way", "Close", "Court"]
CITIES = [
    ("Sydney", "NSW", "2000"),
    ("Springfield", "IL", "62704"),
    ("London", "", "SW1A 1AA"),
    ("Toronto", "ON", "M5V 3L9"),
    ("Manchester", "", "M1 1AE"),
    ("Austin", "TX", "73301-0001"),
    ("Vancouver", "BC", "V6B 4Y8"),
    ("Dublin", "", "D02 X285"),
]
EU_ADDRESSES = [
    ("Hauptstraße {n}", "{z5} Berlin"),
    ("Kastanienallee {n}", "{z5} München"),
    ("{n} rue de la Paix", "{z5} Paris"),
    ("{n} avenue Victor Hugo", "{z5} Lyon"),
    ("Calle Mayor {n}", "{z5} Madrid"),
    ("Via Roma {n}", "{z5} Milano"),
    ("Keizersgracht {n}", "{nl} Amsterdam"),
    ("Rua Augusta {n}", "{pt} Lisboa"),
]
IBAN_COUNTRIES = {
    "GB": "NWBK{d6}{d8}",
    "DE": "{d8}{d10}",
    "FR": "{d5}{d5}{d11}{d2}",
    "NL": "ABNA{d10}",
    "ES": "{d4}{d4}{d2}{d10}",
    "IT": "X{d5}{d5}{d12}",
    "IE": "AIBK{d6}{d8}",
    "BE": "{d12}",
}
MONTHS = ["January", "March", "May", "July", "October", "December", "Feb", "Sept", "Nov"]


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def card_number(rng: random.Random) -> str:
    prefix = rng.choice(["4", "51", "37", "6011"])
    length = 15 if prefix == "37" else 16
    body = prefix + digits(rng, length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


def iban_number(rng: random.Random) -> str:
    country = rng.choice(sorted(IBAN_COUNTRIES))
    bban = IBAN_COUNTRIES[country]
    for size in (12, 11, 10, 8, 6, 5, 4, 2):
        while f"{{d{size}}}" in bban:
            bban = bban.replace(f"{{d{size}}}", digits(rng, size), 1)
    value = iban_check.calc_check_digits(country + "00" + bban)
    return f"{country}{value}{bban}"


def grouped(value: str, size: int = 4) -> str:
    return " ".join(value[i : i + size] for i in range(0, len(value), size))


@dataclass
class Planted:
    """One planted item: its kind, the sentence, and the parts that must not survive masking."""

    kind: str
    text: str
    parts: list[str]
    name: str | None = None


Maker = Callable[[random.Random], Planted]


def email(rng: random.Random) -> Planted:
    user = rng.choice(FIRST).lower().replace("é", "e") + rng.choice([".", "_", ""]) + rng.choice(LAST).lower()
    value = f"{user}{rng.choice(['', digits(rng, 2)])}@{rng.choice(['example.com', 'mail.co.uk', 'web.de'])}"
    text = rng.choice(["Reach me at {v}.", "my email is {v}", "Écrivez-moi à {v} svp", "Contact: {v}"])
    return Planted("EMAIL", text.format(v=value), [value])


def phone(rng: random.Random) -> Planted:
    value = rng.choice(
        [
            f"+1 415-555-{digits(rng, 4)}",
            f"(020) 7946 {digits(rng, 4)}",
            f"+44 7700 900{digits(rng, 3)}",
            f"06 {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}",
            f"+49 30 {digits(rng, 8)}",
            f"555.{digits(rng, 3)}.{digits(rng, 4)}",
        ]
    )
    text = rng.choice(["Call me on {v} after 5pm.", "phone: {v}", "Mi teléfono es {v}.", "ring {v} please"])
    return Planted("PHONE", text.format(v=value), [value])


def card(rng: random.Random) -> Planted:
    number = card_number(rng)
    value = rng.choice([number, grouped(number), "-".join(grouped(number).split())])
    text = rng.choice(
        ["Charge card {v} again.", "my card number is {v}", "Tarjeta {v} por favor", "{v} is my Visa"]
    )
    return Planted("CARD", text.format(v=value), [value])


def card_end(rng: random.Random) -> Planted:
    last = digits(rng, 4)
    text = rng.choice(
        [
            f"It was the card ending {last}.",
            f"my visa ending in {last} was charged",
            f"Mastercard ending with {last}",
            f"the last four digits are {last}",
            f"Paid with **** **** **** {last}.",
            f"card no. XXXX-XXXX-XXXX-{last}",
            f"la tarjeta terminada en {last}",
            f"my debit card that ends in {last}",
        ]
    )
    return Planted("CARD_END", text, [last])


def cvv(rng: random.Random) -> Planted:
    value = digits(rng, rng.choice([3, 3, 4]))
    text = rng.choice(
        [
            f"CVV {value}",
            f"the cvc is {value}",
            f"security code: {value}",
            f"CVV2={value}",
            f"código de seguridad {value}",
        ]
    )
    return Planted("CVV", text, [value])


def expiry(rng: random.Random) -> Planted:
    month, year = f"{rng.randint(1, 12):02d}", str(rng.randint(26, 31))
    value = rng.choice([f"{month}/{year}", f"{month}/20{year}", f"{int(month)}/{year}", f"{month}-{year}"])
    text = rng.choice(
        [f"exp {value}", f"expires {value}", f"expiry date: {value}", f"valid thru {value}", f"Exp. {value}"]
    )
    return Planted("EXPIRY", text, [value])


def iban_item(rng: random.Random) -> Planted:
    number = iban_number(rng)
    value = rng.choice([number, grouped(number)])
    text = rng.choice(
        ["Refund to IBAN {v} please.", "my account is {v}", "IBAN: {v}", "Bitte auf {v} überweisen"]
    )
    return Planted("IBAN", text.format(v=value), [value])


def passport(rng: random.Random) -> Planted:
    value = rng.choice(
        [
            f"{rng.choice('XKLPC')}{digits(rng, 7)}",
            digits(rng, 9),
            f"{rng.choice('AB')}{rng.choice('CD')}{digits(rng, 7)}",
        ]
    )
    text = rng.choice(
        [
            f"passport number {value}",
            f"Passport no. {value}",
            f"my passport is {value}",
            f"Pasaporte: {value}",
            f"passport #{value}",
        ]
    )
    return Planted("PASSPORT", text, [value])


def national_id(rng: random.Random) -> Planted:
    options = [
        ("SSN {v}", f"{digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 4)}"),
        ("my social security number is {v}", f"{digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 4)}"),
        ("National Insurance number {v}", f"QQ{digits(rng, 6)}{rng.choice('ABCD')}"),
        ("NI number: {v}", f"AB {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} C"),
        ("DNI {v}", f"{digits(rng, 8)}{rng.choice(string.ascii_uppercase)}"),
        ("my national ID number is {v}", digits(rng, 10)),
        ("ID card number {v}", f"{rng.choice('LTK')}{digits(rng, 8)}"),
        ("BSN: {v}", digits(rng, 9)),
        ("tax ID {v}", f"{digits(rng, 2)}-{digits(rng, 7)}"),
    ]
    template, value = rng.choice(options)
    return Planted("NATIONAL_ID", template.format(v=value), [value])


def dob(rng: random.Random) -> Planted:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1940, 2006)
    value = rng.choice(
        [
            f"{day:02d}/{month:02d}/{year}",
            f"{year}-{month:02d}-{day:02d}",
            f"{day} {rng.choice(MONTHS)} {year}",
            f"{rng.choice(MONTHS)} {day}, {year}",
            f"{day}.{month}.{year}",
        ]
    )
    text = rng.choice(
        [
            f"date of birth {value}",
            f"DOB: {value}",
            f"I was born on {value}",
            f"birthday {value}",
            f"Geburtsdatum: {value}",
            f"fecha de nacimiento {value}",
        ]
    )
    return Planted("DOB", text, [value])


def postcode(rng: random.Random) -> Planted:
    value = rng.choice(
        [
            f"{digits(rng, 5)}-{digits(rng, 4)}",
            "SW1A 1AA",
            "EC1A 1BB",
            "M1 1AE",
            "B33 8TH",
            "K1A 0B1",
            "H2X 1Y4",
            f"{digits(rng, 4)} AB",
            "D02 X285",
            f"{digits(rng, 2)}-{digits(rng, 3)}",
            f"{digits(rng, 5)}",
        ]
    )
    text = rng.choice(
        [
            f"my postcode is {value}",
            f"ZIP code {value}",
            f"Postleitzahl/PLZ: {value}",
            f"postal code: {value}",
            f"code postal {value}",
        ]
    )
    return Planted("POSTCODE", text, [value])


def address(rng: random.Random) -> Planted:
    if rng.random() < 0.35:
        street, place = rng.choice(EU_ADDRESSES)
        number = str(rng.randint(1, 250))
        street = street.format(n=number)
        place = place.format(
            z5=digits(rng, 5),
            nl=f"{digits(rng, 4)} {rng.choice(['AB', 'KL', 'XR'])}",
            pt=f"{digits(rng, 4)}-{digits(rng, 3)}",
        )
        text = rng.choice(
            ["Please ship to {s}, {p}.", "Meine Adresse: {s}, {p}", "{s}\n{p}", "deliver to {s}, {p} thanks"]
        )
        return Planted("ADDRESS", text.format(s=street, p=place), [street, place.split()[0]])
    number = f"{rng.randint(1, 9999)}{rng.choice(['', '', 'B'])}"
    street = f"{number} {rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
    city, state, code = rng.choice(CITIES)
    tail = ", ".join(x for x in [city, f"{state} {code}".strip()] if x)
    if rng.random() < 0.3:
        street, tail = street.lower(), tail.lower()
        text = rng.choice(["i live at {s}, {t}", "send it to {s}, {t}"])
    else:
        unit = rng.choice(["", ", Apt 4", ", Unit 12B", ", Flat 3"])
        text = rng.choice(
            ["Ship to {s}{u}, {t}.", "My address is {s}{u}, {t}, thanks.", "{s}{u}\n{t}\nUSA"]
        ).replace("{u}", unit)
    parts = [street, city.lower() if street.islower() else city]
    return Planted("ADDRESS", text.format(s=street, t=tail), parts)


def po_box(rng: random.Random) -> Planted:
    value = (
        rng.choice(["PO Box", "P.O. Box", "po box", "Post Office Box", "Postfach", "Apartado"])
        + f" {rng.randint(1, 99999)}"
    )
    text = rng.choice(["Mail it to {v}.", "My address is {v}, Springfield.", "{v}", "send to {v} please"])
    return Planted("PO_BOX", text.format(v=value), [value])


def name(rng: random.Random) -> Planted:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    text = rng.choice(
        [
            f"Thanks, {first}",
            f"This is {first} {last} again.",
            f"Regards,\n{first} {last}",
            f"{first.lower()} here, any news?",
            f"Mr {last} is my husband",
        ]
    )
    parts = [p for p in (first, last, first.lower()) if p in text]
    return Planted("NAME", text, parts, name=f"{first} {last}")


MAKERS: list[Maker] = [
    email,
    phone,
    card,
    card_end,
    cvv,
    expiry,
    iban_item,
    passport,
    national_id,
    dob,
    postcode,
    address,
    po_box,
    name,
]


def corpus(seed: int, per_kind: int) -> list[Planted]:
    rng = random.Random(seed)
    return [maker(rng) for maker in MAKERS for _ in range(per_kind)]


def caught(item: Planted) -> tuple[bool, str]:
    masker = PiiMasker()
    if item.name:
        masker.know_customer(name=item.name)
    masked = masker.mask(item.text, source="ticket")
    left = [p for p in item.parts if p in masked]
    return not left, masked


def ordinary_texts(datasets: Path) -> list[tuple[str, str]]:
    texts = []
    cases = datasets / "dstc11t5_dev_cases.jsonl"
    if cases.is_file():
        with cases.open(encoding="utf-8") as handle:
            texts += [("dstc ticket", json.loads(line)["ticket"]) for line in handle]
    kb = datasets / "dstc11t5_kb.jsonl"
    if kb.is_file():
        with kb.open(encoding="utf-8") as handle:
            texts += [("dstc knowledge", json.loads(line)["text"]) for line in handle]
    for path in sorted((ROOT / "knowledge" / "help-center").iterdir()):
        body = path.read_text(encoding="utf-8")
        texts += [(f"help centre {path.name}", p) for p in body.split("\n\n") if p.strip()]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (patterns were written against 0)")
    parser.add_argument("--per-kind", type=int, default=50, help="planted items per kind")
    parser.add_argument("--datasets", type=Path, default=DATASETS)
    parser.add_argument("--show", type=int, default=3, help="misses and false positives to print per kind")
    args = parser.parse_args()

    items = corpus(args.seed, args.per_kind)
    started = time.perf_counter()
    hits, misses = Counter[str](), Counter[str]()
    shown = Counter[str]()
    for item in items:
        ok, masked = caught(item)
        (hits if ok else misses)[item.kind] += 1
        if not ok and shown[item.kind] < args.show:
            shown[item.kind] += 1
            print(f"  missed {item.kind}: {item.text!r} -> {masked!r}")
    masking_ms = (time.perf_counter() - started) * 1000 / len(items)
    total = sum(hits.values()) + sum(misses.values())
    print(f"\nplanted items: {total} (seed {args.seed}), {masking_ms:.2f} ms per text")
    print(f"{'kind':<12} {'planted':>8} {'recall':>8}")
    for maker in MAKERS:
        kind = maker(random.Random(0)).kind
        planted = hits[kind] + misses[kind]
        print(f"{kind:<12} {planted:>8} {hits[kind] / planted:>8.3f}")
    print(f"{'overall':<12} {total:>8} {sum(hits.values()) / total:>8.3f}")

    texts = ordinary_texts(args.datasets)
    flagged = []
    for where, text in texts:
        masker = PiiMasker()
        masked = masker.mask(text, source="ticket")
        if masked != text:
            flagged.append((where, text, masked))
    rate = len(flagged) / len(texts)
    print(f"\nfalse positives: {len(flagged)} of {len(texts)} ordinary texts masked ({rate:.4f})")
    for where, text, masked in flagged[: args.show * 3]:
        print(f"  {where}: {text[:100]!r} -> {masked[:100]!r}")


if __name__ == "__main__":
    main()
