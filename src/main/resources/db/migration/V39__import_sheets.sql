-- A roster workbook may hold sheets of residents, addresses, houses and units: a refused row names its sheet.
ALTER TABLE import_job_error ADD COLUMN sheet varchar(100);
