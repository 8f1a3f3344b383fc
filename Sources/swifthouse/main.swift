print("swifthouse: not yet")
