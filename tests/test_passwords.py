from webmon.auth.passwords import PasswordHasher


async def test_passwords_are_bcrypt_hashed_with_12_rounds_by_default():
    hashed = await PasswordHasher().hash("correct horse battery")

    assert hashed.startswith("$2b$12$")
    assert await PasswordHasher().verify("correct horse battery", hashed)
    assert not await PasswordHasher().verify("wrong horse battery", hashed)


async def test_verifying_against_no_account_is_false():
    assert not await PasswordHasher(rounds=4).verify("anything", None)


async def test_a_corrupt_hash_does_not_verify():
    assert not await PasswordHasher(rounds=4).verify("anything", "not-a-hash")
