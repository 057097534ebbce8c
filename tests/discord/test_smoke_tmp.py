async def test_mention(fake, start_bot):
    await start_bot()
    msg = await fake.user_message("<@%s> how many patients were in the study" % fake.app_id)
    call = await fake.expect_call("POST", f"/channels/{fake.general}/messages")
    print(call.body)
    assert "225" in call.body["content"]
