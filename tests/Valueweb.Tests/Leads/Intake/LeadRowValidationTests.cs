using Valueweb.Features.Leads.Intake;

namespace Valueweb.Tests.Leads.Intake;

public sealed class LeadRowValidationTests
{
    private const string Header = "First Name,Last Name,Company,Email,Phone,Mobile,Country";

    private static LeadRowOutcome Check(string row, string header = Header) => LeadFiles.Import($"{header}\n{row}\n").Single();

    [Fact]
    public void A_row_without_a_company_or_a_persons_name_is_bad()
    {
        var outcome = Check(" , ,  ,ada@example.com,,,DE");

        outcome.Kind.ShouldBe(LeadRowKind.Bad);
        outcome.Line.ShouldBe(2);
        outcome.Reasons.ShouldBe(["no company and no person's name"]);
    }

    [Theory]
    [InlineData("Ada,,,,,,")]
    [InlineData(",,Acme,,n/a,-,")]
    public void A_row_with_no_valid_e_mail_and_no_phone_is_bad(string row) =>
        Check(row).Reasons.ShouldBe(["no valid e-mail and no phone"]);

    [Theory]
    [InlineData("x@", "invalid e-mail 'x@'")]
    [InlineData("ada@@example.com", "invalid e-mail 'ada@@example.com'")]
    [InlineData("ada lovelace@example.com", "invalid e-mail 'ada lovelace@example.com'")]
    [InlineData("ada@example", "invalid e-mail 'ada@example'")]
    [InlineData(".ada@example.com", "invalid e-mail '.ada@example.com'")]
    [InlineData("ada@-example.com", "invalid e-mail 'ada@-example.com'")]
    public void A_row_with_an_invalid_e_mail_is_bad_even_when_it_has_a_phone(string email, string reason) =>
        Check($"Ada,Lovelace,Acme,{email},+49 30 1234567,,DE").Reasons.ShouldBe([reason]);

    [Fact]
    public void A_row_with_a_country_that_cannot_be_recognised_is_bad() =>
        Check("Ada,Lovelace,Acme,ada@example.com,,,Atlantis").Reasons.ShouldBe(["unknown country 'Atlantis'"]);

    [Fact]
    public void Every_reason_of_a_bad_row_is_given_in_order()
    {
        var outcome = Check(",,,x@,,,Atlantis");

        outcome.Reasons.ShouldBe(["no company and no person's name", "invalid e-mail 'x@'", "unknown country 'Atlantis'"]);
        outcome.Describe().ShouldBe("line 2: no company and no person's name; invalid e-mail 'x@'; unknown country 'Atlantis'");
        Check(",,,,,,Atlantis").Reasons.ShouldBe(["no company and no person's name", "no valid e-mail and no phone", "unknown country 'Atlantis'"]);
    }

    [Theory]
    [InlineData(",,Acme,,,+1 555 0100,", "a company and a mobile")]
    [InlineData("Ada,,,ada@example.com,,,", "a first name and an e-mail")]
    [InlineData(",Lovelace,,,030 123,,", "a last name and a phone")]
    public void A_row_with_a_name_and_a_way_to_reach_someone_is_good(string row, string why) =>
        Check(row).Kind.ShouldBe(LeadRowKind.Good, why);

    [Fact]
    public void A_row_is_normalised_into_a_draft()
    {
        var outcome = LeadFiles.Import(
            "Name,Company,Email,Phone,Country,Number of Employees,Annual Revenue,Lead Source,Product Interest,Segment,Industry\n"
            + "  Ada   King Lovelace , Analytical Engines Ltd. ,  Ada.Lovelace@Example.COM ,,Deutschland,51-200,\"$2.5M\",Trade Show,\"Cloud; Analytics\", SMB ,  \n").Single();

        var lead = outcome.Draft.ShouldNotBeNull();
        lead.SourceSystem.ShouldBe("csv");
        lead.FirstName.ShouldBe("Ada   King");
        lead.LastName.ShouldBe("Lovelace");
        lead.Company.ShouldBe("Analytical Engines Ltd.");
        lead.Email.ShouldBe("ada.lovelace@example.com");
        lead.Phone.ShouldBeNull();
        lead.Country.ShouldBe("DE");
        lead.Employees.ShouldBe(new EmployeeRange(51, 200));
        lead.Employees!.Value.Band.ShouldBe(CompanySize.Medium);
        lead.AnnualRevenue.ShouldBe(2_500_000);
        lead.Source.ShouldBe("trade-show");
        lead.ProductInterests.ShouldBe(["Cloud", "Analytics"]);
        lead.Segment.ShouldBe("SMB");
        lead.Industry.ShouldBeNull();
    }

    [Fact]
    public void A_Salesforce_API_row_is_normalised_with_its_id()
    {
        var lead = LeadFiles.Import(LeadFiles.SalesforceApiHeader + "\n" + LeadFiles.SalesforceApiRow + "\n").Single().Draft.ShouldNotBeNull();

        lead.SourceSystem.ShouldBe("salesforce");
        lead.SourceRecordId.ShouldBe("00Q5g00000A1bCdEAJ");
        (lead.FirstName, lead.LastName, lead.Title).ShouldBe(("Ada", "Lovelace", "Head of IT"));
        lead.Email.ShouldBe("ada.lovelace@example.com");
        lead.Country.ShouldBe("GB");
        lead.Employees.ShouldBe(new EmployeeRange(320, 320));
        lead.AnnualRevenue.ShouldBe(2_500_000);
        lead.Source.ShouldBe("partner-referral");
        lead.ProductInterests.ShouldBe(["Cloud Suite", "Analytics"]);
        lead.Segment.ShouldBe("Enterprise");
        lead.Rating.ShouldBe("Hot");
        lead.Status.ShouldBe("Open - Not Contacted");
    }

    [Fact]
    public void A_HubSpot_row_is_normalised_with_its_record_id()
    {
        var lead = LeadFiles.Import(LeadFiles.HubSpotHeader + "\n" + LeadFiles.HubSpotRow + "\n").Single().Draft.ShouldNotBeNull();

        lead.SourceSystem.ShouldBe("hubspot");
        lead.SourceRecordId.ShouldBe("51234567801");
        lead.Company.ShouldBe("US Navy Systems Inc.");
        lead.Country.ShouldBe("US");
        lead.State.ShouldBe("Virginia");
        lead.Employees.ShouldBe(new EmployeeRange(1200, 1200));
        lead.Employees!.Value.Band.ShouldBe(CompanySize.Enterprise);
        lead.AnnualRevenue.ShouldBe(4_000_000);
        lead.Source.ShouldBe("organic-search");
    }

    [Theory]
    [InlineData("250", 250, 250)]
    [InlineData("1,200", 1200, 1200)]
    [InlineData("1.200", 1200, 1200)]
    [InlineData("51-200", 51, 200)]
    [InlineData("51 – 200", 51, 200)]
    [InlineData("10,001+", 10001, null)]
    [InlineData("1000 or more", 1000, null)]
    [InlineData("5 to 9", 5, 9)]
    public void Employee_counts_are_read_as_ranges(string text, int min, int? max)
    {
        EmployeeRange.TryParse(text, out var range).ShouldBeTrue();
        range.ShouldBe(new EmployeeRange(min, max));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("")]
    [InlineData("1-2-3")]
    public void Employee_counts_without_one_or_two_numbers_are_not_read(string text) => EmployeeRange.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("1500000", 1_500_000L)]
    [InlineData("$1,500,000.50", 1_500_001L)]
    [InlineData("1.500.000 €", 1_500_000L)]
    [InlineData("1.500.000,00", 1_500_000L)]
    [InlineData("750k", 750_000L)]
    [InlineData("2.5 Mio", 2_500_000L)]
    [InlineData("USD 3,000", 3_000L)]
    [InlineData("12.5", 13L)]
    [InlineData("n/a", null)]
    public void Amounts_are_read_as_people_write_them(string text, long? amount) => LeadRowValidation.Amount(text).ShouldBe(amount);

    [Theory]
    [InlineData("Web", "web")]
    [InlineData("website", "web")]
    [InlineData("ORGANIC_SEARCH", "organic-search")]
    [InlineData("Partner Referral", "partner-referral")]
    [InlineData("Tradeshow", "trade-show")]
    [InlineData("Seminar - Partner", "seminar-partner")]
    [InlineData("  ", null)]
    public void Sources_are_normalised_to_keys(string text, string? key) => LeadSources.Normalise(text).ShouldBe(key);

    [Theory]
    [InlineData("00Q5g00000A1bCd", "00Q5g00000A1bCdEAJ")]
    [InlineData("00Q5g00000A1bCdEAJ", "00Q5g00000A1bCdEAJ")]
    [InlineData("00Q5g00000A1bCdeaj", "00Q5g00000A1bCdEAJ")]
    [InlineData("abc", "abc")]
    public void Salesforce_ids_are_written_in_their_18_character_form(string id, string canonical) => SalesforceId.Canonical(id).ShouldBe(canonical);
}
