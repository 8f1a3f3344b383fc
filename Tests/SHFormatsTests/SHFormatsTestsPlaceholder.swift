import Testing

@Test func placeholderSHFormatsTests() {}
