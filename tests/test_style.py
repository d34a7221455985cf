"""A team's phrase style: learned from the replies it sent, measured held out, used when drafting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.cli import main
from drafter.compose.phrases import PhraseBank, Pick, Voice, load_phrase_bank
from drafter.compose.style import PhraseStyle, StyleExample, learn_style, load_style, with_alternative
from drafter.config import load_settings
from drafter.domain import KnowledgeDoc, Message, Ticket
from drafter.errors import ConfigError, InputError
from drafter.evals.cases import EvalCase
from drafter.evals.runner import eval_tenant
from drafter.evals.style_tuning import tune_style
from drafter.graders.resolution import rouge_l
from drafter.runtime import Runtime

OFFERS = ["Anything else I can help you with today?", "Would you like to know more?"]


def _bank() -> PhraseBank:
    return PhraseBank(version=1, phrases={"offer": OFFERS, "sign_off": ["Thanks,"]}, sha256="x")


def _example(offer: str, sent: str) -> StyleExample:
    draft = f"The battery lasts a week.\n\n{offer}"
    return StyleExample(draft=draft, picks=[Pick("offer", offer, {}, offer)], sent=sent)


def test_learning_keeps_the_variant_closest_to_what_the_team_sent() -> None:
    sent = "Yes, the battery lasts about a week. Would you like to know more about it?"
    examples = [_example(OFFERS[i % 2], sent) for i in range(30)]
    style = learn_style(examples, _bank(), rouge_l, min_observations=20)
    assert style.preferred == {"offer": frozenset({"Would you like to know more?"})}
    closeness = style.info["lines"]["offer"]["closeness"]
    assert closeness["Would you like to know more?"] > closeness[OFFERS[0]]


def test_a_line_seen_too_rarely_keeps_all_its_variants() -> None:
    sent = "Would you like to know more?"
    style = learn_style([_example(OFFERS[0], sent)] * 5, _bank(), rouge_l, min_observations=20)
    assert style.preferred == {}
    assert style.info["lines"]["offer"]["drafts"] == 5


def test_a_phrase_is_swapped_even_where_the_reply_capitalised_it() -> None:
    pick = Pick("summary", "{yes}reviews say {first}.", {"yes": "", "first": "it is quiet"},
                "reviews say it is quiet.")
    draft = "Reviews say it is quiet.\n\nAnything else?"
    swapped = with_alternative(draft, pick, "{yes}according to reviews, {first}.")
    assert swapped == "According to reviews, it is quiet.\n\nAnything else?"
    assert with_alternative("Something else entirely.", pick, "{first}") is None
    assert with_alternative(draft, pick, "{missing}") is None


def test_a_styled_bank_picks_only_preferred_lines_and_records_its_picks() -> None:
    bank = _bank().with_preferred({"offer": frozenset({OFFERS[1]})})
    voices = [Voice(bank, seed=f"ticket {i}") for i in range(20)]
    chosen = {voice.pick("offer") for voice in voices}
    assert chosen == {OFFERS[1]}
    # Each reply keeps the lines it wrote.
    assert all([(p.key, p.text) for p in v.picks] == [("offer", OFFERS[1])] for v in voices)
    # A style learned on a bank that has since dropped the line: every variant serves again.
    stale = _bank().with_preferred({"offer": frozenset({"A line no longer in the bank."})})
    assert {stale.pick("offer", f"ticket {i}") for i in range(20)} == set(OFFERS)


def test_a_style_file_round_trips_and_a_broken_one_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "styles" / "acme.json"
    PhraseStyle({"offer": frozenset(OFFERS)}, info={"training_drafts": 3}).save(path)
    loaded = load_style(path)
    assert loaded is not None and loaded.preferred == {"offer": frozenset(OFFERS)}
    assert load_style(tmp_path / "missing.json") is None
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot be read"):
        PhraseStyle.load(path)


PRODUCTS = ["Northwind Kettle", "Bluefin Blender", "Sundial Toaster", "Kestrel Fan", "Okapi Heater",
            "Marlin Lamp"]
ASPECTS = {
    "battery": ("How is its battery?", "The battery lasted a full week on one charge.",
                "Battery life is great, it easily lasts several days."),
    "noise": ("Is it loud?", "It runs very quietly, I barely hear it.",
              "The motor is quiet even on the highest setting."),
    "build": ("Is it well made?", "The build quality is solid and it feels sturdy.",
              "It is sturdy and well built, nothing wobbles."),
    "setup": ("Is it easy to set up?", "Setting it up took two minutes with the clear guide.",
              "Setup was quick and easy, no tools needed."),
    "cleaning": ("Is it easy to clean?", "Cleaning is simple, the parts rinse off in seconds.",
                 "It is easy to clean and dries quickly."),
}


def _knowledge() -> list[KnowledgeDoc]:
    return [
        KnowledgeDoc(
            doc_id=f"{product.split()[0].lower()}:{aspect}:{n}",
            title=f"{product} review",
            text=review,
            metadata={"entity_name": product, "doc_type": "review"},
            format="text",
        )
        for product in PRODUCTS
        for aspect, (_ask, *reviews) in ASPECTS.items()
        for n, review in enumerate(reviews)
    ]


def _cases(with_references: bool = True) -> list[EvalCase]:
    cases = []
    for product in PRODUCTS:
        slug = product.split()[0].lower()
        for aspect, (ask, first, _second) in ASPECTS.items():
            # Mid-chat short questions: the reply closes with a one-line offer to say more.
            conversation = [
                Message(role="customer", text=f"I'm looking at the {product}."),
                Message(role="agent", text=f"The {product} is a popular pick. What would you like to know?"),
            ]
            ticket = Ticket(text=ask, customer_id=f"conv-{slug}-{aspect}", conversation=conversation)
            reference = f"Reviews of the {product} say {first.lower()} Would you like to know more?"
            sent = reference if with_references else None
            cases.append(EvalCase(case_id=f"{slug}-{aspect}", ticket=ticket, reference=sent))
    return cases


@pytest.fixture
def kb_file(tmp_path: Path) -> Path:
    path = tmp_path / "kb.jsonl"
    path.write_text("\n".join(doc.model_dump_json() for doc in _knowledge()) + "\n", encoding="utf-8")
    return path


def test_tuning_learns_the_teams_closing_line_and_held_out_drafts_read_closer(
    runtime: Runtime, kb_file: Path
) -> None:
    tenant = eval_tenant([kb_file])
    report = tune_style(runtime, tenant, _cases(), [kb_file], min_observations=5)
    assert report.training_drafts >= 5 and report.held_out_drafts >= 5
    assert report.style is not None
    assert report.style.preferred["follow_up_offer"] == frozenset({"Would you like to know more?"})
    assert report.before is not None and report.after is not None and report.after > report.before
    assert report.kept and report.style_path.is_file()
    saved = json.loads(report.style_path.read_text(encoding="utf-8"))
    assert saved["info"]["held_out_rouge_l"]["after"] == round(report.after, 4)

    # Drafting for that tenant now closes the team's way; the setting turns it off.
    ticket = _cases()[0].ticket
    styled = runtime.draft_service(tenant).draft(ticket)
    assert styled.text.endswith("Would you like to know more?"), styled.text
    plain = Runtime(load_settings(data_dir=runtime.settings.data_dir, phrase_style=False))
    plain.__dict__["embedder"] = runtime.embedder
    closings = {plain.draft_service(tenant).draft(c.ticket).text.splitlines()[-1] for c in _cases()}
    assert len(closings) > 1, "without the style the bank's variants all serve"


def test_tuning_refuses_cases_without_sent_replies_with_a_clear_message(
    runtime: Runtime, kb_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(InputError, match="reference"):
        tune_style(runtime, "acme", _cases(with_references=False), [kb_file])
    cases_file = tmp_path / "cases.jsonl"
    rows = [{"case_id": c.case_id, "ticket": c.ticket.text} for c in _cases(with_references=False)]
    cases_file.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["tune", "style", "--cases", str(cases_file), "--kb", str(kb_file)])
    err = capsys.readouterr().err
    assert exited.value.code == 1
    assert "reference" in err and "Traceback" not in err


def test_the_repository_bank_offers_choices_for_the_lines_a_style_tunes() -> None:
    bank = load_phrase_bank()
    for key in ("follow_up_offer", "all_agree_two", "majority_with_exception", "mixed"):
        assert len(set(bank.phrases[key])) >= 3, key
