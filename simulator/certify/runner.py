"""Sitting a certification plan: judging each sitting and the whole, in batch or live.

Everything here is deterministic: the same plan, replies and corrections give the same
result (`generated_at` is the one timestamp, and it honours SOURCE_DATE_EPOCH). Batch runs
spread the trainees over every core with a process pool; each trainee's result depends
only on their own replies, so it is identical to a serial run.

Every sitting is judged with the centre's corrections of the judge (`simulator.centre`),
as practice and the desktop's exams are; a result records which (`corrections`: their
count and fingerprint), and an attempt's identity (`exam_sha256`) includes them, so an
interrupted attempt is carried on with the corrections it was begun with.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Iterable, Sequence

from scoring import DIMENSIONS, SCORER_VERSION
from simulator.certify.plan import Entry, Plan, load_plan
from simulator.certify.submissions import Submission
from simulator.errors import InvalidFile, Problem, TemperError
from simulator.format.scenario import ExampleReply
from simulator.safetext import path_text
from simulator.session import Session

RESULT_FORMAT = "temper-certification/1"


def generated_at() -> str:
    """Now in UTC, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    stamp = int(epoch) if epoch.isdigit() else time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


def _failure(code: str, message: str) -> dict:
    return {"code": code, "message": message}


def replay(entry: Entry, replies: Sequence[ExampleReply], observers=(),
           corrections: tuple = ()) -> tuple[Session, int]:
    """A session of `entry` with the replies played in order; also how many went unused."""
    session = Session(entry.scenario, seed=entry.seed, observers=observers, corrections=corrections)
    used = 0
    for reply in replies:
        if session.finished:
            break
        session.reply(reply.text, reply.latency_s)
        used += 1
    return session, len(replies) - used


def judge_entry(plan: Plan, entry: Entry, transcript: dict | None, unused: int = 0) -> dict:
    """One sitting's result: its transcript judged against the plan (None: not submitted)."""
    s = entry.scenario
    out = {
        "id": entry.id,
        "scenario": s.id,
        "title": s.title,
        "file": entry.ref,
        "sha256": s.sha256,
        "seed": entry.seed,
        "pass_mark": entry.pass_mark,
        "pass_outcomes": list(entry.pass_outcomes),
        "reply_time_limit_s": entry.reply_time_limit_s,
        "submitted": transcript is not None,
    }
    failures = [_failure(code, message) for code, message in sitting_failures(plan, entry, transcript)]
    if transcript is None or not transcript.get("turns"):
        out.update(outcome="unfinished", score=0.0, passed=False,
                   dimensions={d: 0.0 for d in DIMENSIONS}, replies_unused=0,
                   failures=failures, transcript=transcript)
        return out
    score = float(transcript["score"])
    dims = dict(transcript["session"]["dimensions"])
    outcome = transcript["outcome"]
    out.update(outcome=outcome, score=round(score, 2), passed=not failures,
               dimensions={d: (round(v, 2) if v is not None else None) for d, v in dims.items()},
               replies_unused=unused,
               failures=failures, transcript=transcript)
    return out


def sitting_failures(plan: Plan, entry: Entry, transcript: dict | None,
                     lang: str | None = None) -> list[tuple[str, str]]:
    """Why a sitting did not pass, as (code, message) pairs. The result keeps the messages
    in English, with the plan's own dimension keys (`lang` None); a person reads them in
    `lang` ("es": Spanish, with the dimensions' names)."""
    from simulator.wording import dimension_name, outcome_text, score_text, words

    w = words(lang or "en")
    named = (lambda dim: dim) if lang is None else (lambda dim: dimension_name(dim, lang))
    # the result's English keeps its own numbers; a person reads them as everywhere else
    # (cut, never rounded up to the mark it missed; a decimal comma in Spanish)
    number = ((lambda v, below: f"{v:.1f}") if lang is None
              else (lambda v, below: score_text(v, lang, below=below)))
    ending = (lambda o: o) if lang is None else (lambda o: outcome_text(o, lang).split(":")[0].lower())
    out: list[tuple[str, str]] = []
    if transcript is None or not transcript.get("turns"):
        return [("not_submitted", w("%(id)s: no replies were submitted", id=entry.id))]
    score = float(transcript["score"])
    dims = dict(transcript["session"]["dimensions"])
    outcome = transcript["outcome"]
    if outcome not in entry.pass_outcomes:
        needed = w(" or ").join(ending(o) for o in entry.pass_outcomes)
        how = (w("the replies ran out before the conversation ended") if outcome == "unfinished"
               else w("the conversation ended %(outcome)s", outcome=ending(outcome)))
        out.append(("outcome", w("%(id)s: %(how)s; the plan needs %(needed)s",
                                 id=entry.id, how=how, needed=needed)))
    if score < entry.pass_mark:
        out.append(("score", w("%(id)s: scored %(score)s, below the pass mark %(mark)s",
                               id=entry.id, score=number(score, entry.pass_mark), mark=f"{entry.pass_mark:g}")))
    for dim, rule in plan.dimensions.items():
        if rule.min_score is not None and dims.get(dim) is None:
            out.append((f"dimension:{dim}", w(
                "%(id)s: %(dimension)s was not assessed (it never came up); the plan needs at "
                "least %(minimum)s", id=entry.id, dimension=named(dim), minimum=f"{rule.min_score:g}")))
        elif rule.min_score is not None and dims[dim] < rule.min_score:
            out.append((f"dimension:{dim}", w(
                "%(id)s: %(dimension)s scored %(score)s, below the plan's minimum %(minimum)s",
                id=entry.id, dimension=named(dim), score=number(dims[dim], rule.min_score),
                minimum=f"{rule.min_score:g}")))
        if rule.never_below is not None:
            for turn in transcript["turns"]:
                value = turn["scores"][dim]["score"]
                if value < rule.never_below:
                    out.append((f"reply_floor:{dim}", w(
                        "%(id)s: reply %(reply)s scored %(score)s on %(dimension)s, below the "
                        "plan's floor %(floor)s (\"%(text)s\")", id=entry.id, reply=turn["index"],
                        score=f"{value:g}", dimension=named(dim), floor=f"{rule.never_below:g}",
                        text=_short(turn["reply"]))))
    for turn in transcript["turns"]:
        if "not_judged" in (turn.get("signals") or ()):
            out.append(("not_judged", w(
                "%(id)s: reply %(reply)s could not be judged (the judge failed on it), so this "
                "sitting cannot pass (\"%(text)s\")", id=entry.id, reply=turn["index"],
                text=_short(turn["reply"]))))
    if entry.reply_time_limit_s is not None:
        for turn in transcript["turns"]:
            if turn["latency_s"] > entry.reply_time_limit_s:
                out.append(("time_limit", w(
                    "%(id)s: reply %(reply)s took %(took)s s; the limit is %(limit)s s",
                    id=entry.id, reply=turn["index"], took=f"{turn['latency_s']:.0f}",
                    limit=f"{entry.reply_time_limit_s:g}")))
    return out


def overall_failure(plan: Plan, score: float, lang: str | None = None) -> str:
    """The message of a whole result below the plan's pass mark (English for the result)."""
    from simulator.wording import score_text, words

    w = words(lang or "en")
    shown = f"{score:.1f}" if lang is None else score_text(score, lang, below=plan.pass_mark)
    return w("overall score %(score)s is below the plan's pass mark %(mark)s",
             score=shown, mark=f"{plan.pass_mark:g}")


def failure_messages(plan: Plan, result: dict, lang: str | None) -> list[str]:
    """A result's failures as a person reads them in `lang`, in the result's order."""
    entries = {e.id: e for e in plan.entries}
    out = []
    for sitting in result.get("scenarios", ()):
        entry = entries.get(sitting.get("id"))
        if entry is None:  # a plan changed since: the recorded English is all there is
            out += [f["message"] for f in sitting.get("failures", ())]
            continue
        out += [m for _code, m in sitting_failures(plan, entry, sitting.get("transcript"), lang)]
    if any(f.get("code") == "overall_score" for f in result.get("failures", ())):
        out.append(overall_failure(plan, float(result["score"]), lang))
    return out


def _mean(values) -> float | None:
    """Mean of the sittings that assessed a dimension; None when none did."""
    got = [float(v) for v in values if v is not None]
    return round(sum(got) / len(got), 2) if got else None


def assemble(plan: Plan, trainee: str, sittings: list[dict], mode: str,
             corrections: tuple = ()) -> dict:
    """The trainee's whole result from their sittings' results (unsigned), judged with
    `corrections` (the centre's, as the attempt began)."""
    from simulator.centre import judged_with

    n = len(sittings) or 1
    score = round(sum(s["score"] for s in sittings) / n, 2)
    dims = {d: _mean(s["dimensions"].get(d) for s in sittings) for d in DIMENSIONS}
    failures = [f for s in sittings for f in s["failures"]]
    _JUDGED_WITH[plan.sha256] = plan
    if score < plan.pass_mark:
        failures.append(_failure("overall_score", overall_failure(plan, score)))
    return {
        "format": RESULT_FORMAT,
        "trainee": trainee,
        "mode": mode,
        "generated_at": generated_at(),
        "plan": {"id": plan.id, "title": plan.title, "file": path_text(os.path.basename(plan.path)),
                 "sha256": plan.sha256, "pass_mark": plan.pass_mark},
        "scorer_version": SCORER_VERSION,
        "corrections": judged_with(corrections),
        "passed": not failures,
        "score": score,
        "dimensions": dims,
        "failures": failures,
        "scenarios": sittings,
    }


def certify_replies(plan: Plan, trainee: str, replies: dict[str, list[ExampleReply]],
                    mode: str = "batch", corrections: tuple = ()) -> dict:
    sittings = []
    for entry in plan.entries:
        given = replies.get(entry.id)
        if not given:
            sittings.append(judge_entry(plan, entry, None))
            continue
        session, unused = replay(entry, given, corrections=corrections)
        sittings.append(judge_entry(plan, entry, session.transcript(), unused))
    return assemble(plan, trainee, sittings, mode, corrections)


# --- batch over a process pool ----------------------------------------------------------

_PLAN: Plan | None = None
_CORRECTIONS: tuple = ()  # a pool worker's: the centre's corrections the batch judges with
#: The plans results were assembled with in this process, by sha256 (see plan_of).
_JUDGED_WITH: dict[str, Plan] = {}


def plan_of(result: dict) -> Plan | None:
    """The Plan `result` was judged against, if this process has it (it assembled the
    result, or is a pool worker started with it): what the reports need to say the
    failure reasons in the trainee's language. None otherwise."""
    sha = (result.get("plan") or {}).get("sha256")
    if _PLAN is not None and _PLAN.sha256 == sha:
        return _PLAN
    return _JUDGED_WITH.get(sha)


def _init_worker(plan_path: str, sha256: str, corrections: tuple = ()) -> None:
    global _PLAN, _CORRECTIONS
    plan = load_plan(plan_path)
    if plan.sha256 != sha256:
        raise RuntimeError(f"the plan {plan_path} changed while certifying")
    _PLAN, _CORRECTIONS = plan, tuple(corrections)


def exam_sha256(plan: Plan, corrections: tuple | str = ()) -> str:
    """What a trainee sits and how it is judged: the plan's text, every scenario file it
    names, with seeds, and the centre's corrections of the judge (or their fingerprint,
    `simulator.centre.fingerprints`). An interrupted attempt resumes only while this is
    unchanged. Without corrections it is what it was before they applied to certification,
    so attempts begun then are still found."""
    h = hashlib.sha256(plan.sha256.encode("ascii"))
    for e in plan.entries:
        h.update(f"\0{e.id}\0{e.scenario.sha256}\0{e.seed}".encode("utf-8"))
    if not isinstance(corrections, str):
        from simulator.centre import fingerprints

        corrections = fingerprints(corrections)[-1] if corrections else ""
    if corrections and corrections != _NO_CORRECTIONS:
        h.update(f"\0corrections\0{corrections}".encode("ascii"))
    return h.hexdigest()


_NO_CORRECTIONS = hashlib.sha256().hexdigest()


def exam_identities(plan: Plan, corrections: tuple) -> list[tuple[str, tuple]]:
    """(exam_sha256, the corrections) an attempt at `plan` may have been begun with, the
    centre's `corrections` now first, then each shorter list they grew from (corrections
    are only added), down to none."""
    from simulator.centre import fingerprints

    prints = fingerprints(corrections)
    return [(exam_sha256(plan, prints[k]), tuple(corrections[:k])) for k in range(len(corrections), -1, -1)]


def _certify_one(sub: Submission, plan: Plan | None = None,
                 corrections: tuple | None = None) -> tuple[str, dict | None, list[Problem]]:
    """One trainee's result, or the problems that keep them from being certified. Never
    raises: one trainee's bad files must not stop a batch."""
    from simulator.certify.outputs import trainee_problem

    plan = plan or _PLAN
    corrections = _CORRECTIONS if corrections is None else corrections
    assert plan is not None
    problem = trainee_problem(sub.trainee)
    if problem:
        return sub.trainee, None, [Problem(sub.path, 1, 1, problem)]
    try:
        replies = sub.load(plan.entry_ids)
        result = certify_replies(plan, sub.trainee, replies, corrections=corrections)
        json.dumps(result, ensure_ascii=False).encode("utf-8")  # storable and writable
    except InvalidFile as exc:
        return sub.trainee, None, list(exc.problems)
    except TemperError as exc:
        return sub.trainee, None, [Problem(sub.path, 1, 1, str(exc))]
    except UnicodeError:
        return sub.trainee, None, [Problem(sub.path, 1, 1, "a reply holds text that is not valid "
                                                           "Unicode (a lone surrogate)")]
    except RecursionError:
        return sub.trainee, None, [Problem(sub.path, 1, 1, "the replies are nested too deeply")]
    except Exception as exc:  # a bug of ours: say so, and certify everyone else
        return sub.trainee, None, [Problem(sub.path, 1, 1, f"internal error while certifying "
                                                           f"({exc.__class__.__name__}: {exc}); "
                                                           "please report it")]
    return sub.trainee, result, []


def _certify_chunk(subs: list[Submission]) -> list[tuple[str, dict | None, list[Problem]]]:
    return [_certify_one(s) for s in subs]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def make_pool(plan: Plan | None, jobs: int | None = None,
              corrections: tuple = ()) -> ProcessPoolExecutor | None:
    """A pool of `jobs` processes (default every core) that know the plan and the
    corrections to judge with; None for 1 job."""
    jobs = jobs or default_jobs()
    if jobs <= 1:
        return None
    if plan is None:
        return ProcessPoolExecutor(max_workers=jobs)
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                               initargs=(plan.path, plan.sha256, tuple(corrections)))


def certify_batch(plan: Plan, submissions: Sequence[Submission], pool: ProcessPoolExecutor | None = None,
                  progress: Callable[[int, int], None] | None = None, corrections: tuple = (),
                  ) -> list[tuple[str, dict | None, list[Problem]]]:
    """(trainee, result or None, problems) per submission, in the submissions' order,
    judged with `corrections` (a pool's processes were given them by `make_pool`).

    With a pool from `make_pool(plan)` the trainees are spread over its processes; the
    results are the same as without one.
    """
    if pool is None:
        return _map(functools.partial(_certify_one, plan=plan, corrections=tuple(corrections)),
                    submissions, None, progress)
    return _map(_certify_one, submissions, pool, progress)  # the workers know the plan


def run_in_pool(fn: Callable, items: Iterable, pool: ProcessPoolExecutor | None = None,
                progress: Callable[[int, int], None] | None = None) -> list:
    """fn(item) for every item, in the pool's processes when there is one; results in order.

    `fn` must be a module-level function (it is sent to the worker processes).
    """
    return _map(fn, list(items), pool, progress)


def _apply_chunk(fn: Callable, chunk: list) -> list:
    return [fn(item) for item in chunk]


def _map(fn: Callable, items: Sequence, pool, progress) -> list:
    total, out = len(items), [None] * len(items)
    if pool is None or total <= 1:
        for i, item in enumerate(items):
            out[i] = fn(item)
            if progress:
                progress(i + 1, total)
        return out
    workers = getattr(pool, "_max_workers", 2)
    size = max(1, min(50, total // (workers * 8) or 1))
    done = 0
    futures = {pool.submit(_apply_chunk, fn, list(items[i:i + size])): i for i in range(0, total, size)}
    for future in as_completed(futures):
        i = futures[future]
        chunk = future.result()
        out[i:i + len(chunk)] = chunk
        done += len(chunk)
        if progress:
            progress(done, total)
    return out


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
