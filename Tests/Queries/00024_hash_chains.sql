-- FunctionAnyHash chains several arguments: an array that is not the first argument joins the chain element by
-- element (its length, then each element), tuples are flattened, and nested arrays hash their elements alone.
SELECT cityHash64(toInt32(1), 'abc', ['x', 'yz']);
SELECT cityHash64('a', [toUInt8(1)]), cityHash64([toUInt8(1)], 'a'), cityHash64(toUInt8(1), [toUInt8(1)]);
SELECT cityHash64('a', []), cityHash64('a', [toUInt8(1), toUInt8(2)]), cityHash64('a', [[1, 2], [3]]);
SELECT cityHash64('a', [(1, 'b'), (2, 'c')]), cityHash64((1, ['a']), 'b'), cityHash64(1, ['x'], ['y', 'z']);
SELECT sipHash64('a', ['b', 'c']), sipHash64(['b', 'c'], 'a'), xxHash64('a', [1, 2, 3]);
SELECT hex(sipHash128('a', ['b', 'c'])), hex(sipHash128(['b'], 'a'));
SELECT number, cityHash64(number, [toString(number), 'x'], toString(number)) FROM numbers(3);
