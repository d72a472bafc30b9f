using Valueweb.Features.Leads.Intake;

namespace Valueweb.Tests.Leads.Intake;

public sealed class LeadIdentityTests
{
    private static LeadIdentity IdentityOf(string header, string row) =>
        LeadFiles.Import($"{header}\n{row}\n").Single().Identity.ShouldNotBeNull();

    [Fact]
    public void The_same_person_at_the_same_company_is_one_lead_whatever_the_case_of_the_e_mail_or_the_legal_form()
    {
        var a = IdentityOf("Company,Email,Last Name", "Acme Corp.,Ada@Acme.example,Lovelace");
        var b = IdentityOf("Company Name;E-Mail;Name", "ACME Corporation;ada@acme.EXAMPLE;A. Lovelace");
        var c = IdentityOf("company,email", "  Acme  ,ada@acme.example");

        b.ShouldBe(a);
        c.ShouldBe(a);
        a.Key.ShouldBe("email|ada@acme.example|acme");
        a.Text.Length.ShouldBe(32);
        a.Text.ShouldBe(LeadIdentity.FromKey("email|ada@acme.example|acme").Text, "the hash depends on the key alone");
    }

    [Fact]
    public void Another_company_or_another_e_mail_is_another_lead()
    {
        var a = IdentityOf("Company,Email", "Acme Corp.,ada@acme.example");

        IdentityOf("Company,Email", "Acme Widgets,ada@acme.example").ShouldNotBe(a);
        IdentityOf("Company,Email", "Acme Corp.,grace@acme.example").ShouldNotBe(a);
    }

    [Fact]
    public void The_source_record_id_identifies_a_lead_before_its_e_mail()
    {
        var report = IdentityOf(LeadFiles.SalesforceReportHeader, LeadFiles.SalesforceReportRow);
        var api = IdentityOf(LeadFiles.SalesforceApiHeader, LeadFiles.SalesforceApiRow);
        var moved = IdentityOf(LeadFiles.SalesforceApiHeader, LeadFiles.SalesforceApiRow.Replace("Ada.Lovelace@Example.COM", "ada@new-job.example", StringComparison.Ordinal));

        api.Key.ShouldBe("id|salesforce|00Q5g00000A1bCdEAJ");
        report.ShouldBe(api, "a report's 15-character id is the API's 18-character id");
        moved.ShouldBe(api);
        IdentityOf(LeadFiles.HubSpotHeader, LeadFiles.HubSpotRow).Key.ShouldBe("id|hubspot|51234567801");
    }

    [Fact]
    public void A_lead_reached_only_by_phone_is_identified_by_its_digits_person_and_company()
    {
        var a = IdentityOf("Company,First Name,Last Name,Phone", "Acme GmbH,Jörg,Müller,+49 (30) 123-456");
        var b = IdentityOf("Company,Full Name,Mobile", "ACME,Jörg Müller,+49 30 123 456");

        b.ShouldBe(a);
        a.Key.ShouldBe("phone|4930123456|jörg-müller|acme");
    }
}
