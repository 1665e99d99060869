"""Temper's core: scenarios, the hostility curve, the conversation machine, sessions.

Never imports Qt: certification runs use this package where no display exists.
"""
