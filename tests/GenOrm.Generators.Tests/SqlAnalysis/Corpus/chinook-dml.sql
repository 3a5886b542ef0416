-- schema: chinook
-- ---
insert into Artist (Name) values (:name)
-- ---
insert into Artist (Name) values (:name) returning ArtistId
-- ---
insert into Artist (ArtistId, Name) values (:id, :name)
-- ---
insert into Artist values (:id, :name)
-- ---
insert into Artist default values
-- ---
insert into Artist (Name) values ('a'), ('b'), ('c')
-- ---
insert into Artist (Name) select Name from Genre
-- ---
insert into Artist (Name) select Name from Genre where true
-- ---
insert or ignore into Artist (ArtistId, Name) values (1, 'x')
-- ---
insert or replace into Artist (ArtistId, Name) values (1, 'x')
-- ---
replace into Artist (ArtistId, Name) values (1, 'x')
-- ---
insert into Artist (ArtistId, Name) values (:id, :name) on conflict (ArtistId) do update set Name = excluded.Name
-- ---
insert into Artist (ArtistId, Name) values (:id, :name) on conflict (ArtistId) do nothing
-- ---
insert into Artist (ArtistId, Name) values (:id, :name) on conflict do nothing
-- ---
insert into Artist (ArtistId, Name) values (:id, :name) on conflict (ArtistId) do update set Name = excluded.Name where Name is null
-- ---
insert into Artist (ArtistId, Name) values (:id, :name) on conflict (ArtistId) do update set Name = Artist.Name || excluded.Name
-- ---
insert into Artist (ArtistId, Name) values (:id, :name) on conflict (ArtistId) do update set Name = excluded.Name returning *
-- ---
insert into Artist as a (ArtistId, Name) values (:id, :name) on conflict (ArtistId) do update set Name = a.Name returning a.ArtistId
-- ---
insert into Album (Title, ArtistId) values (:title, :artist) returning AlbumId, Title
-- ---
insert into Album (Title, ArtistId) values (:title, :artist) returning AlbumId as Id, upper(Title)
-- ---
insert into PlaylistTrack (PlaylistId, TrackId) values (:p, :t)
-- ---
insert into PlaylistTrack (PlaylistId, TrackId) values (:p, :t) on conflict (PlaylistId, TrackId) do nothing
-- ---
insert into PlaylistTrack (PlaylistId, TrackId) values (:p, :t) on conflict (TrackId, PlaylistId) do nothing
-- ---
insert into PlaylistTrack (PlaylistId, TrackId) values (:p, :t) on conflict (PlaylistId) do nothing
-- ---
insert into Customer (FirstName, LastName, Email) values (:f, :l, :e)
-- ---
insert into Customer (FirstName, LastName, Email) values (:f, :l, :e) on conflict (Email) do update set FirstName = excluded.FirstName
-- ---
insert into Customer (FirstName, LastName, Email) values (:f, :l, :e) on conflict (LastName) do nothing
-- ---
insert into Customer (FirstName, Email) values ('a', 'b')
-- ---
insert into Customer (FirstName, LastName) values ('a', 'b')
-- ---
insert into Album (Title) values ('t')
-- ---
insert into Album default values
-- ---
insert into Track (Name, MediaTypeId, Milliseconds, UnitPrice) values (:name, 1, 1000, 0.99)
-- ---
insert into Track (Name, MediaTypeId, Milliseconds) values ('n', 1, 1000)
-- ---
insert into Invoice (CustomerId, InvoiceDate, Total) values (:c, :d, :t) returning InvoiceId, Total
-- ---
insert into Invoice (CustomerId, InvoiceDate, Total) select CustomerId, '2024-01-01', 0 from Customer
-- ---
insert into InvoiceLine (InvoiceId, TrackId, UnitPrice, Quantity) values (1, 1, 0.99, 1)
-- ---
with src as (select Name from Genre) insert into Artist (Name) select Name from src
-- ---
insert into Artist (Nmae) values ('x')
-- ---
insert into Artst (Name) values ('x')
-- ---
insert into Artist (Name) values ('x', 'y')
-- ---
insert into Artist values ('x')
-- ---
insert into Artist (Name) values ('a'), ('b', 'c')
-- ---
insert into Artist (Name) select Name, ArtistId from Artist
-- ---
insert into Artist (Name) values (:n) returning Nmae
-- ---
insert into Artist (ArtistId, Name) values (1, 'x') on conflict (Name) do nothing
-- ---
insert into Artist (ArtistId, Name) values (1, 'x') on conflict (ArtistId) do update set Nmae = 1
-- ---
insert into Artist (ArtistId, Name) values (1, 'x') on conflict (ArtistId) do update set Name = excluded.Nmae
-- ---
insert into Artist (Name) values
-- ---
insert into Artist (Name) value ('x')
-- ---
insert Artist (Name) values ('x')
-- ---
insert into Artist default values on conflict do nothing
-- ---
update Customer set Email = :email where CustomerId = :id
-- ---
update Customer set Email = :email, Company = :company where CustomerId = :id
-- ---
update Customer set (FirstName, LastName) = (:f, :l) where CustomerId = :id
-- ---
update Customer set (FirstName, LastName) = (select FirstName, LastName from Employee where EmployeeId = 1) where CustomerId = :id
-- ---
update Customer set Email = lower(Email)
-- ---
update Customer set Email = :email where CustomerId = :id returning CustomerId, Email
-- ---
update Customer set Email = :email where CustomerId = :id returning *
-- ---
update or ignore Customer set Email = :email where CustomerId = :id
-- ---
update Customer as c set Company = 'x' where c.CustomerId = 1
-- ---
update Track set UnitPrice = UnitPrice * 1.1 where GenreId in (select GenreId from Genre where Name = :genre)
-- ---
update Invoice set Total = t.sum from (select InvoiceId, sum(UnitPrice * Quantity) as sum from InvoiceLine group by InvoiceId) as t where t.InvoiceId = Invoice.InvoiceId
-- ---
update Track set Composer = null where Composer = ''
-- ---
update Customer set Emial = :email where CustomerId = :id
-- ---
update Customr set Email = :email
-- ---
update Customer set Email = :email where CustomerId = :id returning Emial
-- ---
update Customer set (FirstName, LastName) = (:f) where CustomerId = :id
-- ---
update Customer set Email = :email where Nope = 1
-- ---
update Customer Email = :email
-- ---
update Customer set Email = (select 1, 2)
-- ---
delete from Artist where ArtistId = :id
-- ---
delete from Artist where ArtistId = :id returning Name
-- ---
delete from Artist where Name like :p returning *
-- ---
delete from Artist
-- ---
delete from PlaylistTrack where PlaylistId = :p and TrackId in (select TrackId from Track where AlbumId = :album)
-- ---
delete from Artist as a where a.ArtistId = 1
-- ---
delete from Artist where ArtistId not in (select ArtistId from Album)
-- ---
with old as (select InvoiceId from Invoice where InvoiceDate < :d) delete from InvoiceLine where InvoiceId in old
-- ---
with old as (select InvoiceId from Invoice where InvoiceDate < :d) delete from InvoiceLine where InvoiceId in (select InvoiceId from old)
-- ---
delete from Artst where ArtistId = 1
-- ---
delete from Artist where ArtstId = 1
-- ---
delete Artist where ArtistId = 1
-- ---
delete from Artist where
-- ---
delete from Artist returning Nme
-- ---
delete from Artist where ArtistId = :id returning ArtistId, Name, length(Name) as Len
-- ---
update Customer as c set Company = 'x' where c.CustomerId = 1 returning c.Email
-- ---
insert into Artist (Name, Name) values (1, 2)
-- ---
insert into Artist (ArtistId, Name) values (:id, :n) on conflict (ArtistId) do update set Name = excluded.Name on conflict do nothing
-- ---
insert into Album (Title, ArtistId) select Title, ArtistId from Album where true on conflict do nothing
-- ---
update Track set Name = 'x' from Album where Album.AlbumId = Track.AlbumId
-- ---
update Track set Name = a.Title from Album a where a.AlbumId = Track.AlbumId returning Track.Name
-- ---
update Customer as c set Company = 'x' returning Email
-- ---
delete from Artist as a where a.ArtistId = 1 returning a.Name
-- ---
delete from Artist as a where a.ArtistId = 1 returning Name
-- ---
delete from Artist where ArtistId = 1 order by Name limit 1
-- ---
update Artist set Name = 'x' limit 1
-- ---
insert into Artist (Name) values (count(*))
-- ---
update Artist set Name = (select Name from Genre limit 1)
-- ---
insert into Artist (Name) values ((select Name from Genre))
-- ---
update Artist set ArtistId = ArtistId + 1 returning ArtistId
-- ---
insert into Artist (Name) values (:name) returning rowid
-- ---
delete from Artist returning count(*)
-- ---
insert into Artist (Name) values ('x') returning *, Name
-- ---
update Customer set Email = 'x', Email = 'y'
-- ---
update Artist set Name = :n where ArtistId = :id and Name is not :n
-- ---
insert into Genre (Name) values (:name) returning GenreId, Name as GenreName
-- ---
update InvoiceLine set Quantity = Quantity + :delta where InvoiceLineId = :id returning Quantity * UnitPrice as Amount
-- ---
delete from InvoiceLine where InvoiceId in (select InvoiceId from Invoice where CustomerId = :c)
-- ---
insert into Playlist (Name) values (:n) returning PlaylistId
-- ---
insert into Employee (LastName, FirstName, ReportsTo) values (:l, :f, (select EmployeeId from Employee where ReportsTo is null))
-- ---
insert into Artist select * from Artist
-- ---
insert into Artist (Name) values (:a) on conflict (ArtistId) where ArtistId > 0 do nothing
-- ---
insert into Artist (Name) values (:a) on conflict (ArtistId collate nocase) do nothing
-- ---
insert into Album (Title, ArtistId) values ('x', 1), ('y', 2) returning *
-- ---
insert into Artist (Name) values (:n) returning ArtistId, Name, ArtistId * 2 as dbl
-- ---
update Artist set Name = :n returning *
-- ---
update Artist set Name = :n where ArtistId = :id returning (select count(*) from Album where Album.ArtistId = Artist.ArtistId)
-- ---
update Artist set Name = excluded.Name
-- ---
update Artist set Artist.Name = 'x'
-- ---
delete from Artist where ArtistId in (select ArtistId from Artist order by ArtistId limit 3)
-- ---
delete from Artist where exists (select 1 from Album where Album.ArtistId = Artist.ArtistId)
-- ---
update Track set GenreId = g.GenreId from Genre g where g.Name = :genre and Track.TrackId = :id
-- ---
update Track set GenreId = g.GenreId from Genre g join MediaType m on m.MediaTypeId = Track.MediaTypeId where g.Name = :genre
-- ---
update Track set Name = Track.Name || '!' where TrackId = 1
-- ---
insert into Artist (ArtistId, Name) values (1, 'a') on conflict (ArtistId) do update set Name = excluded.Name || Name
-- ---
insert into Artist (ArtistId, Name) values (1, 'a') on conflict (ArtistId) do update set (ArtistId, Name) = (excluded.ArtistId, excluded.Name)
-- ---
insert into Artist (ArtistId, Name) values (1, 'a') on conflict (ArtistId) do update set Name = excluded.Name returning excluded.Name
