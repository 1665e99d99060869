"""python -m simulator.migrations: write known.json from the migration history."""

from simulator.migrations import FOLDER, KNOWN_FILE, write_known

write_known()
print(f"wrote {FOLDER / KNOWN_FILE}")
