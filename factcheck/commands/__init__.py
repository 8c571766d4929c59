"""Subcommands that are big enough for a module of their own. Keep top-level imports light (typer only)."""
