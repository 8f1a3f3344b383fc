import Testing

@Test func placeholderSHEngineTests() {}
