using System.Net.Mail;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Valueweb.Platform.Jobs;

namespace Valueweb.Platform.Mail;

public sealed record EmailMessage(string To, string Subject, string Body);

/// <summary>Sends one e-mail over SMTP from the job table; without an SMTP host it writes the e-mail to the log.</summary>
internal sealed class EmailJob(IOptions<ValuewebOptions> options, ILogger<EmailJob> log) : IJobHandler
{
    public const string JobKind = "email.send";
    public string Kind => JobKind;

    public async Task HandleAsync(Job job, CancellationToken ct)
    {
        var message = JsonSerializer.Deserialize<EmailMessage>(job.Payload, JsonSerializerOptions.Web)!;
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            log.LogInformation("E-mail to {To}: {Subject}\n{Body}", message.To, message.Subject, message.Body);
            return;
        }
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = false, DeliveryMethod = SmtpDeliveryMethod.Network };
        using var mail = new MailMessage(smtp.From, message.To, message.Subject, message.Body);
        await client.SendMailAsync(mail, ct);
    }
}
