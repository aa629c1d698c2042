def panels_register() -> None:
    pass
