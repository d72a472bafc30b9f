using System.Net;
using Microsoft.EntityFrameworkCore;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Platform;

/// <summary>Data-protection keys live in the database: a token issued by one node is read by another.</summary>
public sealed class SharedKeyRingTests
{
    private sealed class SecondNode(string connection) : ValuewebFactory
    {
        public override Task InitializeAsync()
        {
            Connection = connection;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_token_from_one_node_is_accepted_by_another()
    {
        await using var first = new ValuewebFactory();
        await first.InitializeAsync();
        var client = await first.ApiAs(ValuewebFactory.PartnerA);
        (await client.GetAsync("/api/v1/partners")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var second = new SecondNode(first.Connection);
        await second.InitializeAsync();
        var other = second.Anonymous();
        other.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        (await other.GetAsync("/api/v1/partners")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Db(db => db.DataProtectionKeys.CountAsync())).ShouldBeGreaterThan(0);
    }
}
