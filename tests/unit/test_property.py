"""For any text a person might send, the engine returns a valid Reply and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answer.answerer import Answerer, Reply

WORDS = st.sampled_from(
    [
        "ccm",
        "cambodia",
        "hun sen",
        "nato",
        "<@123456789012345678>",
        "**",
        "```",
        "😂",
        "កម្ពុជា",
        "2,031",
        "?",
        "\n",
        "dud",
        "is the",
    ]
)
TEXT = st.one_of(
    st.text(max_size=4000),
    st.lists(WORDS, max_size=60).map(" ".join),
    st.text(alphabet=st.characters(categories=["Mn", "Me", "Cc", "Zs", "So"]), max_size=500),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_any_text_gives_a_valid_reply(answerer: Answerer, text: str) -> None:
    reply = answerer.ask(text)
    assert isinstance(reply, Reply)
    Reply.model_validate(reply.model_dump())
    assert 0.0 <= reply.confidence <= 1.0
    assert len(reply.suggestions) <= 3
    assert reply.answered == (reply.entry is not None and reply.status == "answered")
