"""Model -> Datalog IR. `from_model` translates; `safety` and `stratify` fence the program
before any evaluator sees it."""
