import Testing

@Test func placeholderSHCodecsTests() {}
