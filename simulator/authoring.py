"""Tools for trainers who write scenarios: the JSON Schema, starter files, and the
validate / run / diagram steps the scenario lab shows (the lab only displays them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scoring.model import CHANNELS, LANGUAGES, LIVE_CHANNELS
from simulator.errors import InvalidFile, Problem, UsageError
from simulator.format.scenario import Scenario
from simulator.format.spec import ID_PATTERN, to_json_schema


def schema_text() -> str:
    """The JSON Schema of the scenario format, as `temper schema` prints it."""
    return json.dumps(to_json_schema(), indent=2, ensure_ascii=False) + "\n"


# --- starter scenarios --------------------------------------------------------------

_SLOW = {
    "en": """  slow_replies:             # live channels only: waiting angers the customer
    grace_s: 30               # seconds a reply may take before it costs anything
    per_second: 0.5           # hostility added per second beyond that
""",
    "es": """  slow_replies:             # solo en canales en vivo: esperar enfada al cliente
    grace_s: 30               # segundos que puede tardar una respuesta sin coste
    per_second: 0.5           # hostilidad añadida por cada segundo de más
""",
}

_STARTER = {
    "en": """\
# A Temper scenario: a scripted angry customer for agents to practise on.
# Fill in each section, then run `temper check {file}` to play the examples at the end.
# The whole format is explained in docs/scenario-format.md; the guide is docs/authoring.md.
# For completion in VS Code: `temper schema > scenario.schema.json` and add as first line
#   # yaml-language-server: $schema=scenario.schema.json
format: 1
id: {id}                      # lower-case letters, digits, - and _; same as the file name
title: A parcel that never arrived
tags: [e-commerce]

customer:
  name: Sam Taylor
  language: en
  channel: {channel}            # chat, email, phone, social or whatsapp
  difficulty: easy            # easy, medium or hard
  backstory: >
    Who the customer is and what went wrong, for the trainee to read first.
    Sam ordered a lamp two weeks ago; the tracking has not moved for eight days.

facts:                        # write {{order_id}} in any line to say the value
  order_id: LP-1001
  item: lamp

policy:                       # what the agent may really do
  min_days: 3                 # shortest honest time to fix it; promising less is over-promising
  max_discount_percent: 10
  can_refund: true
  can_escalate: true

hostility:                    # 0 calm ... 100 furious
  start: 50                   # at the opening line
  peak: 75                    # where the anger climbs if left alone
  rise_turns: 2               # the customer vents for at least this many replies
  breaking_point: 95          # at this level they escalate (or leave)
  agrees_below: 45            # they accept a solution only when calmer than this
  gives_up_by: escalating     # or: leaving
{slow}
lines:                        # per phase, per band: calm 0-24, annoyed 25-49, angry 50-74, furious 75-100
  venting:
    angry:
      - "My {{item}} was due two weeks ago and the tracking hasn't moved. Where is order {{order_id}}?"
      - "Two weeks! I paid for the {{item}} and I have nothing."
    furious:
      - "This is the third time I've contacted you about order {{order_id}}!"
  empathy:
    angry:
      - "I just want to know where my {{item}} is."
    annoyed:
      - "It's order {{order_id}}, a {{item}}. Tracking says nothing since last week."
  negotiation:
    annoyed:
      - "So what can you do about my {{item}}?"
  resolution:
    annoyed:
      - "OK... and when will I have it?"
    calm:
      - "That sounds fair."

endings:                      # the customer's last line for each ending
  resolved: "Yes, that works. Thank you."
  escalated: "I want to speak to your manager."
  abandoned: "Forget it. I'm cancelling the order."

reactions:                    # what the customer says when the trainee does something
  - when: told_to_calm_down
    hostility: 5              # extra anger on top of the usual effect
    say: "Don't tell me to calm down!"
  - when: apologised
    phases: venting
    say: "Well... thank you. I still don't have my {{item}}."

rubric:
  pass_mark: 65

examples:                     # `temper check` plays these and checks the ending
  - name: a patient agent resolves it
    ending: resolved
    replies:
      - "I'm so sorry, Sam. Could you tell me what happened with the order?"
      - "I understand how frustrating it is to wait two weeks for a lamp. I'm really sorry."
      - "So your lamp from order LP-1001 has not moved in the tracking, and you have been waiting two weeks for it."
      - "I will send you a new lamp by courier; it will arrive within 3 business days."
      - "I'll email you the new tracking number once it ships. Does that work for you?"
      - "Thank you for your patience, Sam. Does that work for you?"
  - name: an agent who argues makes them escalate
    ending: escalated
    replies:
      - "Calm down. You should have checked the delivery date."
      - "CALM DOWN!!! It's not our fault."
      - "You should have read the terms."
      - "Calm down, I said."
""",
    "es": """\
# Un escenario de Temper: un cliente enfadado con guion para que los agentes practiquen.
# Rellene cada sección y ejecute `temper check {file}` para reproducir los ejemplos del final.
# El formato completo está en docs/scenario-format.md; la guía, en docs/authoring.md.
# Para autocompletar en VS Code: `temper schema > scenario.schema.json` y añada como primera línea
#   # yaml-language-server: $schema=scenario.schema.json
format: 1
id: {id}                      # minúsculas, cifras, - y _; igual que el nombre del archivo
title: Un paquete que nunca llegó
tags: [comercio electrónico]

customer:
  name: Lucía Gómez
  language: es
  channel: {channel}            # chat, email, phone, social o whatsapp
  difficulty: easy            # easy, medium o hard
  backstory: >
    Quién es el cliente y qué salió mal, para que el agente lo lea antes de empezar.
    Lucía pidió una lámpara hace dos semanas; el seguimiento no se mueve desde hace ocho días.

facts:                        # escriba {{pedido}} en cualquier frase para decir el valor
  pedido: LP-1001
  articulo: lámpara

policy:                       # lo que el agente puede hacer de verdad
  min_days: 3                 # el plazo honesto más corto; prometer menos es prometer de más
  max_discount_percent: 10
  can_refund: true
  can_escalate: true

hostility:                    # 0 tranquilo ... 100 furioso
  start: 50                   # en la primera frase
  peak: 75                    # hasta dónde sube el enfado si nadie lo calma
  rise_turns: 2               # el cliente se desahoga al menos durante tantas respuestas
  breaking_point: 95          # a este nivel pide un responsable (o se va)
  agrees_below: 45            # solo acepta una solución por debajo de este nivel
  gives_up_by: escalating     # o: leaving
{slow}
lines:                        # por fase y por banda: calm 0-24, annoyed 25-49, angry 50-74, furious 75-100
  venting:
    angry:
      - "Mi {{articulo}} tenía que llegar hace dos semanas y el seguimiento no se mueve. ¿Dónde está el pedido {{pedido}}?"
      - "¡Dos semanas! He pagado la {{articulo}} y no tengo nada."
    furious:
      - "¡Es la tercera vez que les escribo por el pedido {{pedido}}!"
  empathy:
    angry:
      - "Solo quiero saber dónde está mi {{articulo}}."
    annoyed:
      - "Es el pedido {{pedido}}, una {{articulo}}. El seguimiento no dice nada desde la semana pasada."
  negotiation:
    annoyed:
      - "¿Y qué pueden hacer con mi {{articulo}}?"
  resolution:
    annoyed:
      - "Vale... ¿y cuándo la tendré?"
    calm:
      - "Me parece justo."

endings:                      # la última frase del cliente en cada final
  resolved: "Sí, me parece bien. Gracias."
  escalated: "Quiero hablar con su responsable."
  abandoned: "Déjelo. Cancelo el pedido."

reactions:                    # lo que dice el cliente cuando el agente hace algo
  - when: told_to_calm_down
    hostility: 5              # enfado extra además del efecto habitual
    say: "¡No me diga que me calme!"
  - when: apologised
    phases: venting
    say: "Bueno... gracias. Pero sigo sin mi {{articulo}}."

rubric:
  pass_mark: 65

examples:                     # `temper check` los reproduce y comprueba el final
  - name: una agente paciente lo resuelve
    ending: resolved
    replies:
      - "Lo siento mucho, Lucía. ¿Me cuenta qué pasó con el pedido?"
      - "Entiendo perfectamente su molestia: tanto tiempo esperando una lámpara. Lo siento de verdad."
      - "Entonces, su lámpara del pedido LP-1001 lleva dos semanas sin llegar y el seguimiento no se mueve."
      - "Me encargo yo: le enviamos una lámpara nueva y la tendrá en 3 días hábiles."
      - "Le enviaré el número de seguimiento por correo. ¿Le parece bien?"
      - "Gracias por su paciencia, Lucía. ¿Le parece bien así?"
  - name: un agente que discute la hace escalar
    ending: escalated
    replies:
      - "Cálmese. Usted debería haber comprobado la fecha de entrega."
      - "¡¡TRANQUILÍCESE!! No es culpa nuestra."
      - "Debería haber leído las condiciones."
      - "Cálmese, le he dicho."
""",
}


def starter(language: str, channel: str, scenario_id: str = "my_scenario", file: str = "FILE") -> str:
    """A commented starter scenario that validates and whose examples pass."""
    if language not in LANGUAGES:
        raise UsageError(f"unknown language '{language}': choose one of {', '.join(LANGUAGES)}")
    if channel not in CHANNELS:
        raise UsageError(f"unknown channel '{channel}': choose one of {', '.join(CHANNELS)}")
    if not ID_PATTERN.match(scenario_id):
        raise UsageError(f"'{scenario_id}' cannot be a scenario id: use lower-case letters, "
                         "digits, '-' and '_' (the file name gives the id)")
    slow = _SLOW[language] if channel in LIVE_CHANNELS else ""
    return _STARTER[language].format(id=scenario_id, channel=channel, slow=slow, file=file)


def write_starter(path: str | Path, language: str, channel: str, force: bool = False) -> Path:
    """Write a starter scenario to `path` (its stem becomes the id); never overwrites unasked."""
    path = Path(path)
    if path.suffix not in (".yaml", ".yml"):
        raise UsageError(f"{path}: a scenario file name must end in .yaml")
    text = starter(language, channel, path.stem, str(path))
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; choose another name or add --force to replace it")
    if not path.parent.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
    return path


# --- the lab's steps ------------------------------------------------------------------


@dataclass(frozen=True)
class Validation:
    """A scenario text checked: the scenario, or the problems (sorted by line)."""

    scenario: Scenario | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    def problems_by_line(self) -> dict[int, list[Problem]]:
        out: dict[int, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.line, []).append(p)
        return out


def validate_text(text: str, file: str = "<scenario>") -> Validation:
    """Validate scenario text as typed (never raises for bad input)."""
    from simulator.format.loader import parse_scenario

    try:
        return Validation(parse_scenario(text, file, default_id=Path(file).stem or "scenario"))
    except InvalidFile as exc:
        return Validation(None, tuple(exc.problems))


def turn_note(turn) -> str:
    """What an author wants to see after each played turn: where the line came from."""
    moved = f"{turn.hostility_before:.0f} → {turn.hostility_after:.0f}"
    phase = turn.phase_after if turn.phase_after == turn.phase_before else \
        f"{turn.phase_before} → {turn.phase_after}"
    reactions = f", reactions {', '.join(map(str, turn.reactions))}" if turn.reactions else ""
    signals = ", ".join(sorted(turn.signals)) or "no signals"
    return (f"[{phase} | hostility {moved} | {signals}{reactions} | "
            f"{turn.line_key}, line {turn.line_source}]")


def example_rows(results) -> list[tuple[bool, int, str]]:
    """(passed, file line, text) per example result, for a list the author can click."""
    return [(r.passed, r.line, r.describe().split(": ", 1)[-1]) for r in results]
