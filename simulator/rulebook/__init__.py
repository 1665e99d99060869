"""How a conversation moves: the rulebook over the phases (`machine`, one declarative
table), the hostility curve (`curve`, pure functions) and the rulebook drawn (`diagram`)."""
