import Testing

@Test func placeholderSHCoreTests() {}
