using Microsoft.EntityFrameworkCore;
using Valueweb.Data;
using Valueweb.Platform.Jobs;
using Valueweb.Platform.Mail;
using Valueweb.Tests.Infrastructure;

namespace Valueweb.Tests.Platform;

/// <summary>Two application processes on one database share the job table: every job runs once, on one of them.</summary>
public sealed class TwoProcessJobTests
{
    [Fact]
    public async Task Two_nodes_deliver_every_queued_email_exactly_once()
    {
        var connection = await TestDatabases.CloneAsync();
        await using var smtp = new SmtpListener();
        var settings = new Dictionary<string, string>
        {
            ["Valueweb__Smtp__Host"] = "127.0.0.1",
            ["Valueweb__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Valueweb__JobPollMilliseconds"] = "50",
        };
        await using var first = await AppProcess.StartAsync(connection, settings);
        await using var second = await AppProcess.StartAsync(connection, settings);

        const int count = 120;
        await using (var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection)))
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
                db.Jobs.Add(new Job
                {
                    Kind = EmailJob.JobKind,
                    DueAt = now,
                    CreatedAt = now,
                    Payload = System.Text.Json.JsonSerializer.Serialize(new EmailMessage($"n{i}@example.com", $"Message {i}", "body"), System.Text.Json.JsonSerializerOptions.Web),
                });
            await db.SaveChangesAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        List<Job> jobs;
        do
        {
            await Task.Delay(250);
            await using var db = DatabaseRegistration.CreateSystemContext(TestDatabases.Options(connection));
            jobs = await db.Jobs.Where(j => j.Kind == EmailJob.JobKind && j.Payload.Contains("@example.com")).AsNoTracking().ToListAsync();
        }
        while (jobs.Any(j => j.State != JobState.Done) && DateTime.UtcNow < deadline);

        jobs.Count.ShouldBe(count);
        jobs.ShouldAllBe(j => j.State == JobState.Done, first.Output.ToString() + second.Output);
        jobs.ShouldAllBe(j => j.Attempts == 1);
        jobs.Select(j => j.CompletedBy).Distinct().Count().ShouldBe(2, "both nodes should have taken part");
        await Task.Delay(200);
        var subjects = smtp.Received.Select(r => r.Data.Split('\n').First(l => l.StartsWith("Subject:", StringComparison.Ordinal)).Trim())
            .Where(s => s.StartsWith("Subject: Message ", StringComparison.Ordinal)).ToList(); // the demo's own reminders may be delivered too
        subjects.Count.ShouldBe(count);
        subjects.Distinct().Count().ShouldBe(count);
    }
}
