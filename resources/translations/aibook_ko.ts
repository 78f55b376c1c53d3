<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>HeroScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/hero.py" line="57"/>
        <source>Who is in your story?</source>
        <translation>누가 주인공일까요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/hero.py" line="58"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/home.py" line="78"/>
        <source>My Picture Book</source>
        <translation>나만의 그림책</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/home.py" line="79"/>
        <source>Pick a hero, pick a story, and watch it come alive!</source>
        <translation>주인공과 이야기를 고르면 그림책이 뚝딱!</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/home.py" line="80"/>
        <source>Make my book</source>
        <translation>그림책 만들기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/home.py" line="81"/>
        <source>My bookshelf</source>
        <translation>내 책장</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../aibook_desktop/ui/app.py" line="237"/>
        <source>This book can&apos;t be opened right now. Let&apos;s pick another one!</source>
        <translation>이 책은 지금 열 수 없어요. 다른 책을 골라 볼까요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/app.py" line="246"/>
        <source>My Picture Book</source>
        <translation>나만의 그림책</translation>
    </message>
</context>
<context>
    <name>MakingScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="167"/>
        <source>{hero} + {theme}</source>
        <translation>{hero} + {theme}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="169"/>
        <source>Writing the story</source>
        <translation>이야기 쓰는 중</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="170"/>
        <source>Drawing the pictures</source>
        <translation>그림 그리는 중</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="171"/>
        <source>Stop</source>
        <translation>그만하기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="172"/>
        <source>Stop making the book?</source>
        <translation>그림책 만들기를 멈출까요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="173"/>
        <source>Yes, stop</source>
        <translation>네, 멈출래요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="174"/>
        <source>No, keep going</source>
        <translation>아니요, 계속할래요</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/making.py" line="175"/>
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
</context>
<context>
    <name>ReaderScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="140"/>
        <source>This book has no pages yet.</source>
        <translation>이 책에는 아직 페이지가 없어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="174"/>
        <source>PDF saved: {path}</source>
        <translation>PDF를 저장했어요: {path}</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="178"/>
        <source>Sorry, the PDF could not be made.</source>
        <translation>미안해요, PDF를 만들지 못했어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="183"/>
        <source>Making the PDF…</source>
        <translation>PDF 만드는 중…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="191"/>
        <source>Page {page} of {count}</source>
        <translation>{count}쪽 중 {page}쪽</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="197"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="198"/>
        <source>Export PDF</source>
        <translation>PDF로 저장</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="199"/>
        <source>Previous page</source>
        <translation>앞 페이지</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/reader.py" line="200"/>
        <source>Next page</source>
        <translation>다음 페이지</translation>
    </message>
</context>
<context>
    <name>ShelfScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="108"/>
        <source>My bookshelf</source>
        <translation>내 책장</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="109"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="111"/>
        <source>Looking for your books…</source>
        <translation>책을 찾고 있어요…</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="113"/>
        <source>No books yet. Let&apos;s make one!</source>
        <translation>아직 책이 없어요. 하나 만들어 볼까요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="123"/>
        <source>This book got a little torn.</source>
        <translation>이 책은 조금 찢어졌어요.</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/shelf.py" line="125"/>
        <source>(not finished)</source>
        <translation>(다 못 만든 책)</translation>
    </message>
</context>
<context>
    <name>SorryScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/sorry.py" line="52"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
</context>
<context>
    <name>ThemeScreen</name>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="21"/>
        <source>Moon trip</source>
        <translation>달나라 여행</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="22"/>
        <source>flying to the moon</source>
        <translation>달나라로 날아가는 여행</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="26"/>
        <source>Under the sea</source>
        <translation>바닷속 모험</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="27"/>
        <source>an adventure under the sea</source>
        <translation>바닷속 모험</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="31"/>
        <source>Dinosaur friend</source>
        <translation>공룡 친구</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="32"/>
        <source>making friends with a dinosaur</source>
        <translation>공룡과 친구가 되는 이야기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="36"/>
        <source>Birthday</source>
        <translation>생일 파티</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="37"/>
        <source>a happy birthday party</source>
        <translation>즐거운 생일 파티</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="41"/>
        <source>Snow day</source>
        <translation>눈 오는 날</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="42"/>
        <source>playing in the snow</source>
        <translation>눈 오는 날 눈놀이</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="46"/>
        <source>Castle</source>
        <translation>마법의 성</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="47"/>
        <source>a visit to a magic castle</source>
        <translation>마법의 성에 놀러 가기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="51"/>
        <source>Forest picnic</source>
        <translation>숲속 소풍</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="52"/>
        <source>a picnic in the forest</source>
        <translation>숲속으로 소풍 가기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="56"/>
        <source>Robot friend</source>
        <translation>로봇 친구</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="57"/>
        <source>building a robot friend</source>
        <translation>로봇 친구 만들기</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="130"/>
        <source>What is the story about?</source>
        <translation>어떤 이야기를 만들까요?</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="131"/>
        <source>Home</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="132"/>
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="133"/>
        <source>Typed by a grown-up:</source>
        <translation>어른이 입력하기:</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="134"/>
        <source>e.g. a rainy day with a duck</source>
        <translation>예: 오리와 함께한 비 오는 날</translation>
    </message>
    <message>
        <location filename="../../aibook_desktop/ui/screens/theme.py" line="135"/>
        <source>Go</source>
        <translation>시작</translation>
    </message>
</context>
</TS>
