"""Strategies for data-subject requests and the controller's decisions."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from gdpr_register.model.register import Register
from gdpr_register.rights import (
    AbuseDecision,
    AbuseKind,
    AbuseResponse,
    ClaimedException,
    ControllerDecisions,
    ErasureException,
    IdentityPause,
    Request,
    RestrictionGround,
    Right,
)
from gdpr_register.testing.strategies._model import dates, texts

__all__ = ["controller_decisions", "identity_pauses", "requests"]


def _subset(items: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    if not items:
        return st.just(())
    return st.lists(st.sampled_from(items), unique=True, max_size=len(items)).map(tuple)


@st.composite
def requests(
    draw: st.DrawFn,
    register: Register | None = None,
    *,
    min_date: date = date(2018, 5, 25),
    max_date: date = date(2040, 12, 31),
) -> Request:
    """Requests with any right; with ``register``, scopes name only its purposes/categories."""
    received = draw(dates(min_date, max_date))
    purposes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    if register is not None:
        purposes = draw(_subset([p.id for p in register.purposes]))
        categories = draw(_subset([c.id for c in register.data_categories]))
    earlier = draw(st.lists(st.integers(min_value=1, max_value=800), max_size=4))
    return Request(
        right=draw(st.sampled_from(Right)),
        received=received,
        purposes=purposes,
        categories=categories,
        restriction_ground=draw(st.none() | st.sampled_from(RestrictionGround)),
        previous_requests=tuple(received - timedelta(days=n) for n in earlier),
    )


def identity_pauses(received: date) -> st.SearchStrategy[IdentityPause]:
    """Pauses that start on or after ``received`` (valid for a request received then)."""
    return st.builds(
        lambda start, length: IdentityPause(
            requested=received + timedelta(days=start),
            supplied=received + timedelta(days=start + length),
        ),
        st.integers(min_value=0, max_value=20),
        st.integers(min_value=0, max_value=60),
    )


@st.composite
def controller_decisions(draw: st.DrawFn, register: Register | None = None) -> ControllerDecisions:
    """Any consistent set of answers (compelling grounds always come with a reason)."""
    compelling = draw(st.sampled_from([None, False, True]))
    categories = [c.id for c in register.data_categories] if register is not None else []
    claimed = draw(
        st.lists(
            st.builds(
                ClaimedException,
                article=st.sampled_from(ErasureException),
                reason=texts(),
                categories=_subset(categories),
                until=st.none() | dates(),
            ),
            max_size=2,
        )
    )
    abuse = draw(
        st.none()
        | st.builds(
            AbuseDecision,
            kind=st.sampled_from(AbuseKind),
            reason=texts(),
            response=st.sampled_from(AbuseResponse),
            relies_on_repetition=st.booleans(),
        )
    )
    return ControllerDecisions(
        compelling_grounds=compelling,
        compelling_grounds_reason=draw(texts()) if compelling else None,
        still_necessary=draw(st.sampled_from([None, False, True])),
        exceptions=tuple(claimed),
        abuse=abuse,
    )
