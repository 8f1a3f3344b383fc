import Testing

@Test func placeholderSHS3Tests() {}
