

def test_no_recognizer_of_ours_has_the_class_name_of_one_of_presidios():
    # Presidio finds a predefined recognizer by class name among every subclass loaded in the
    # process: one of ours under the same name can stand in for it in a "stock Presidio" engine
    import importlib
    import inspect
    import pkgutil

    import presidio_analyzer.predefined_recognizers as predefined

    import recognizers

    ours = {name for info in pkgutil.walk_packages(recognizers.__path__, "recognizers.")
            for name, cls in inspect.getmembers(importlib.import_module(info.name), inspect.isclass)
            if cls.__module__ == info.name}
    assert not ours & set(predefined.__all__)
