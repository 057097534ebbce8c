"""The Discord adapter: slash commands, mentions and DMs, answered by the engine and packed within Discord's limits.

Pure helpers (`packing`, `cooldown`, `compose`) import nothing from discord; the rest is thin discord.py glue.
"""
