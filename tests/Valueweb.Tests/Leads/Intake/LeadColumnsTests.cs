using Valueweb.Features.Leads.Intake;

namespace Valueweb.Tests.Leads.Intake;

public sealed class LeadColumnsTests
{
    private static LeadColumnMap Recognise(string headerLine, IReadOnlyDictionary<string, string?>? mapping = null)
    {
        using var reader = LeadFiles.Reader(headerLine + "\n");
        return LeadColumns.Recognise(reader.Header, mapping);
    }

    private static string? HeaderOf(LeadColumnMap map, LeadField field) => map.Has(field) ? map.Header[map.IndexOf(field)] : null;

    [Fact]
    public void A_Salesforce_API_export_is_recognised_by_its_field_names()
    {
        var map = Recognise(LeadFiles.SalesforceApiHeader);

        map.Format.ShouldBe(LeadFileFormat.Salesforce);
        map.SourceSystem.ShouldBe("salesforce");
        HeaderOf(map, LeadField.SourceRecordId).ShouldBe("Id");
        HeaderOf(map, LeadField.FirstName).ShouldBe("FirstName");
        HeaderOf(map, LeadField.LastName).ShouldBe("LastName");
        HeaderOf(map, LeadField.FullName).ShouldBe("Name");
        HeaderOf(map, LeadField.Company).ShouldBe("Company");
        HeaderOf(map, LeadField.Mobile).ShouldBe("MobilePhone");
        HeaderOf(map, LeadField.PostalCode).ShouldBe("PostalCode");
        HeaderOf(map, LeadField.State).ShouldBe("State");
        HeaderOf(map, LeadField.Country).ShouldBe("CountryCode", "a code is preferred to a name");
        HeaderOf(map, LeadField.Employees).ShouldBe("NumberOfEmployees");
        HeaderOf(map, LeadField.AnnualRevenue).ShouldBe("AnnualRevenue");
        HeaderOf(map, LeadField.LeadSource).ShouldBe("LeadSource");
        HeaderOf(map, LeadField.ProductInterest).ShouldBe("ProductInterest__c");
        HeaderOf(map, LeadField.Segment).ShouldBe("Segment__c");
        HeaderOf(map, LeadField.Rating).ShouldBe("Rating");
        HeaderOf(map, LeadField.Status).ShouldBe("Status");
        map.Ignored.Select(c => c.Header).ShouldBe(
            ["IsDeleted", "MasterRecordId", "Salutation", "Country", "StateCode", "Latitude", "Longitude", "Fax", "OwnerId", "IsConverted",
                "CreatedDate", "LastActivityDate"]);
        map.Ignored.Single(c => c.Header == "Country").Why.ShouldBe("country is read from column 'CountryCode'.");
        map.Ignored.Single(c => c.Header == "Fax").Why.ShouldBe("Not a lead field.");
        map.Warnings.ShouldBeEmpty();
        map.Errors.Any.ShouldBeFalse();
    }

    [Fact]
    public void A_Salesforce_report_export_is_recognised_by_its_labels()
    {
        var map = Recognise(LeadFiles.SalesforceReportHeader);

        map.Format.ShouldBe(LeadFileFormat.Salesforce);
        HeaderOf(map, LeadField.SourceRecordId).ShouldBe("Lead ID");
        HeaderOf(map, LeadField.FirstName).ShouldBe("First Name");
        HeaderOf(map, LeadField.Company).ShouldBe("Company / Account");
        HeaderOf(map, LeadField.LeadSource).ShouldBe("Lead Source");
        HeaderOf(map, LeadField.Status).ShouldBe("Lead Status");
        HeaderOf(map, LeadField.Mobile).ShouldBe("Mobile");
        HeaderOf(map, LeadField.State).ShouldBe("State/Province");
        HeaderOf(map, LeadField.PostalCode).ShouldBe("Zip/Postal Code");
        HeaderOf(map, LeadField.Employees).ShouldBe("No. of Employees");
        HeaderOf(map, LeadField.AnnualRevenue).ShouldBe("Annual Revenue");
        map.Ignored.Select(c => c.Header).ShouldBe(["Lead Owner", "Create Date"]);
    }

    [Fact]
    public void A_HubSpot_export_is_recognised_by_its_labels()
    {
        var map = Recognise(LeadFiles.HubSpotHeader);

        map.Format.ShouldBe(LeadFileFormat.HubSpot);
        map.SourceSystem.ShouldBe("hubspot");
        HeaderOf(map, LeadField.SourceRecordId).ShouldBe("Record ID");
        HeaderOf(map, LeadField.Phone).ShouldBe("Phone Number");
        HeaderOf(map, LeadField.Mobile).ShouldBe("Mobile Phone Number");
        HeaderOf(map, LeadField.Company).ShouldBe("Company Name");
        HeaderOf(map, LeadField.Website).ShouldBe("Website URL");
        HeaderOf(map, LeadField.Title).ShouldBe("Job Title");
        HeaderOf(map, LeadField.Street).ShouldBe("Street Address");
        HeaderOf(map, LeadField.State).ShouldBe("State/Region");
        HeaderOf(map, LeadField.Country).ShouldBe("Country/Region");
        HeaderOf(map, LeadField.Employees).ShouldBe("Number of Employees");
        HeaderOf(map, LeadField.LeadSource).ShouldBe("Original Source");
        HeaderOf(map, LeadField.Status).ShouldBe("Lead Status");
        map.Ignored.Single(c => c.Header == "Associated Company").Why.ShouldBe("company is read from column 'Company Name'.");
    }

    [Fact]
    public void Our_own_export_names_and_sloppy_spellings_are_recognised_as_a_generic_file()
    {
        var map = Recognise("sourceRecordId,first_name,LAST NAME,  e-mail ,company,country,companySize,productInterest,segment,source,notes");

        map.Format.ShouldBe(LeadFileFormat.Generic);
        map.SourceSystem.ShouldBe("csv");
        map.Recognised.Select(c => c.Field).ShouldBe(
        [
            LeadField.SourceRecordId, LeadField.FirstName, LeadField.LastName, LeadField.Email, LeadField.Company, LeadField.Country,
            LeadField.Employees, LeadField.ProductInterest, LeadField.Segment, LeadField.LeadSource, LeadField.Description,
        ]);
        map.Ignored.ShouldBeEmpty();
    }

    [Fact]
    public void The_users_mapping_takes_columns_before_recognition_and_can_leave_a_field_out()
    {
        var map = Recognise("Firma,E-Mail Addr,Email,Land,Phone",
            new Dictionary<string, string?> { ["company"] = "Firma", ["Email"] = "e-mail addr", ["country"] = "Land", ["phone"] = "" });

        HeaderOf(map, LeadField.Company).ShouldBe("Firma");
        HeaderOf(map, LeadField.Email).ShouldBe("E-Mail Addr");
        HeaderOf(map, LeadField.Country).ShouldBe("Land");
        map.Has(LeadField.Phone).ShouldBeFalse();
        map.Recognised.ShouldAllBe(c => c.Overridden);
        map.Ignored.Select(c => c.Header).ShouldBe(["Email", "Phone"]);
        map.Errors.Any.ShouldBeFalse();
        map.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Mistakes_in_the_mapping_are_field_errors()
    {
        var map = Recognise("Firma,Mail", new Dictionary<string, string?>
        {
            ["company"] = "Firma",
            ["email"] = "Nowhere",
            ["shoeSize"] = "Mail",
            ["title"] = "Firma",
        });

        map.Errors.All.Keys.Order(StringComparer.Ordinal).ShouldBe(["mapping.email", "mapping.shoeSize", "mapping.title"]);
        map.Errors.All["mapping.email"].ShouldBe(["The file has no column 'Nowhere'."]);
        map.Errors.All["mapping.title"].ShouldBe(["Column 'Firma' is already mapped to company."]);
        Should.Throw<InvalidOperationException>(() =>
            LeadFiles.Import("Firma,Mail\nAcme,a@acme.example\n", new LeadImportOptions { Mapping = new Dictionary<string, string?> { ["email"] = "Nowhere" } }));
    }

    [Fact]
    public void A_header_without_names_or_contacts_warns_that_every_row_will_be_bad()
    {
        var map = Recognise("Industry,Country");

        map.Warnings.Count.ShouldBe(2);
        map.Warnings[0].ShouldContain("company or a person's name");
        map.Warnings[1].ShouldContain("e-mail or a phone");
    }

    [Theory]
    [InlineData("Zip/Postal Code", "zippostalcode")]
    [InlineData("  No. of Employees ", "noofemployees")]
    [InlineData("Product_Interest__c", "productinterest")]
    [InlineData("Country/Region", "countryregion")]
    public void Headers_are_compared_without_case_spaces_or_punctuation(string header, string key) => LeadColumns.Key(header).ShouldBe(key);
}
