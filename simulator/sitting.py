"""One live sitting per trainee, wherever they sit: `temper certify --trainee` at a
terminal and the desktop's exam mode take the same lease in the results database.

    lease = hold_trainee(store, "ana", what="ana's exam in the Temper desktop (Late delivery)")
    ...                # the lease renews itself in the background (simulator.store.Lease)
    lease.release()

A second sitting of the same trainee (another terminal, another desktop, another
machine on the same database) gets `AlreadySitting`, which names where the live one is
and since when. A holder that dies leaves a lease that expires: at once on the same
machine, after `simulator.store.LEASE_TTL_S` elsewhere.
"""

from __future__ import annotations

import time

from simulator.errors import L_, TemperError
from simulator.safetext import shown


def lease_name(trainee: str) -> str:
    """The lease every live sitting of `trainee` takes (the same in terminal and desktop)."""
    return f"trainee:{trainee}"


class AlreadySitting(TemperError):
    """The trainee is sitting live elsewhere: `what`, `host`, `pid`, `since` (ISO 8601,
    UTC), `heard_s` (seconds since that sitting last renewed its lease) and `wait_s`
    (when the lease would expire if that sitting has gone)."""

    exit_code = 2

    def __init__(self, trainee: str, holder: dict, ttl_s: float):
        self.trainee = trainee
        self.what = shown(str(holder.get("what") or "a Temper"), 120)
        self.host = shown(str(holder.get("host") or "?"), 80)
        self.pid = holder.get("pid")
        self.since = shown(str(holder.get("acquired_at") or "?"), 40)
        try:
            self.heard_s = max(0.0, time.time() - float(holder.get("renewed_at")))
        except (TypeError, ValueError):
            self.heard_s = 0.0
        self.wait_s = max(1.0, ttl_s - self.heard_s)
        self.where = L_("%(what)s (process %(pid)s on %(host)s, since %(since)s; last heard from "
                        "%(ago)s s ago)", what=self.what, pid=self.pid, host=self.host,
                        since=self.since, ago=f"{self.heard_s:.0f}")
        super().__init__(L_(
            "%(trainee)s is already sitting live elsewhere: %(where)s. Finish or stop that one "
            "first (type /quit in its terminal, or end the session in the desktop); if it is "
            "gone for good, try again in %(wait)s s.", trainee=shown(trainee, 80), where=self.where,
            wait=f"{self.wait_s:.0f}"))


def hold_trainee(store, trainee: str, what: str):
    """The trainee's lease (a `simulator.store.Lease`, renewed in the background until
    released), or AlreadySitting naming where they sit now."""
    from simulator.store import LeaseHeld

    try:
        return store.acquire(lease_name(trainee), what=what)
    except LeaseHeld as exc:
        raise AlreadySitting(trainee, exc.holder, exc.ttl_s) from None
